import Basics
import YAML

extension ReconcileBlockDecoder {
    /// `snapshots: {services: [db], keep: 3, restore: on-rollback, max_size: 2GiB, driver_opts: {…}}`;
    /// `snapshots: true` takes the defaults for every service with data. Returns the service names with their marks, checked once services are known.
    func snapshots(_ node: YAMLNode, key: YAMLNode) -> (SnapshotPolicy?, [(name: String, mark: SourceLocation)]) {
        let location = key.mark
        if node.mapping == nil, let on = reader.bool(node, "`x-reconcile.snapshots`") {
            return (on ? SnapshotPolicy(location: location) : nil, [])
        }
        guard let pairs = reader.mapping(node, "`x-reconcile.snapshots`") else { return (nil, []) }
        var policy = SnapshotPolicy(location: location)
        var marks: [(name: String, mark: SourceLocation)] = []
        let known: Set<String> = ["services", "keep", "restore", "max_size", "driver_opts"]
        for (key, pair) in reader.knownPairs(pairs, known: known, context: "`x-reconcile.snapshots`") {
            let value = pair.value
            switch key {
            case "services":
                let items = value.sequence ?? [value]
                let names = reader.stringList(value, "`snapshots.services`", allowSingle: true)
                marks = zip(names, items).map { ($0, $1.mark) }
                policy.services = names
            case "keep":
                guard let keep = reader.int(value, "`snapshots.keep`") else { continue }
                guard keep >= 1 else {
                    sink.error(value.mark, "`snapshots.keep` must be at least 1 (the snapshot a rollback restores); "
                                   + "remove `snapshots` to take none")
                    continue
                }
                policy.keep = keep
            case "restore":
                guard let restore: SnapshotPolicy.Restore = reader.choice(
                    value, "`snapshots.restore`", unknown: "snapshot restore", listed: { $0.joined(separator: " or ") }
                ) else { continue }
                policy.restore = restore
            case "driver_opts":
                policy.driverOpts = reader.stringMap(value, "`snapshots.driver_opts`")
                if policy.driverOpts["o"]?.split(separator: ",").contains("bind") == true {
                    sink.error(value.mark, "`snapshots.driver_opts` binds one folder, which every snapshot would share; "
                                   + "use a filesystem per volume (`type: tmpfs`, an NFS export, a device) or leave it out")
                }
            default:
                guard let size = reader.bytes(value, "`snapshots.max_size`") else { continue }
                guard size > 0 else {
                    sink.error(value.mark, "`snapshots.max_size` must be more than 0; write e.g. `2GiB`, or leave it out for no cap")
                    continue
                }
                policy.maxSize = size
            }
        }
        return (policy, marks)
    }
}

extension StackDecoder {
    /// Each name in `snapshots.services` must be a service of the stack (a typo would silently protect nothing).
    func checkSnapshotServices(_ marks: [(name: String, mark: SourceLocation)], services: [ServiceSpec]) {
        let names = services.map(\.name)
        for entry in marks where !names.contains(entry.name) {
            sink.error(entry.mark, "`snapshots.services` names `\(entry.name)`, which is not a service of this stack"
                           + EditDistance.hint(for: entry.name, among: names) + "; list services from `services:`")
        }
    }
}
