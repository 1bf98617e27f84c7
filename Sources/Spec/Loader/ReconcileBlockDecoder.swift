import Basics
import YAML

/// The decoded `x-reconcile` block; `placement` is nil when the block did not say where to run.
struct ReconcilePolicy {
    var placement: Placement?
    /// Where each name of `hosts: [a, b]` is written.
    var hostMarks: [String: SourceLocation] = [:]
    var windows: [WindowSpec] = []
    var health = HealthPolicy()
    var updates = UpdatePolicy()
    var prune = true
    /// `data: [./config]`: repository paths that are host data seeded from the repository.
    var data: [(path: String, mark: SourceLocation)] = []
    /// `profiles: [debug]`: Compose profiles switched on; services with other profiles stay off.
    var profiles: Set<String> = []
    /// `snapshots: {services, keep, restore, max_size}`, with the marks of the service names for later checks.
    var snapshots: SnapshotPolicy?
    var snapshotServiceMarks: [(name: String, mark: SourceLocation)] = []
}

/// Decodes `x-reconcile: {hosts, windows, health, updates, prune, data, profiles, snapshots}`.
struct ReconcileBlockDecoder {
    let reader: NodeReader
    var sink: DiagnosticSink { reader.sink }

    func decode(_ node: YAMLNode) -> ReconcilePolicy {
        var policy = ReconcilePolicy()
        guard let pairs = reader.mapping(node, "`x-reconcile`") else { return policy }
        let known: Set<String> = ["hosts", "windows", "health", "updates", "prune", "data", "profiles", "snapshots"]
        for (key, pair) in reader.knownPairs(pairs, known: known, context: "`x-reconcile`") {
            let value = pair.value
            switch key {
            case "hosts":
                policy.placement = placement(value)
                if case .hosts(let names)? = policy.placement {
                    policy.hostMarks = Dictionary(zip(names, (value.sequence ?? [value]).map(\.mark)), uniquingKeysWith: { a, _ in a })
                }
            case "windows": policy.windows = WindowDecoder(reader: reader).windows(value)
            case "health": policy.health = health(value)
            case "updates": policy.updates = updates(value, base: UpdatePolicy(), context: "`x-reconcile.updates`")
            case "data":
                let items = value.sequence ?? [value]
                let paths = reader.stringList(value, "`x-reconcile.data`", allowSingle: true)
                policy.data = zip(paths, items).map { ($0, $1.mark) }
            case "profiles": policy.profiles = Set(reader.stringList(value, "`x-reconcile.profiles`", allowSingle: true))
            case "snapshots": (policy.snapshots, policy.snapshotServiceMarks) = snapshots(value, key: pair.key)
            default: policy.prune = reader.bool(value, "`x-reconcile.prune`") ?? true
            }
        }
        return policy
    }

    /// A host name, a list of host names, or a `{vlan, labels}` selector.
    private func placement(_ node: YAMLNode) -> Placement? {
        if let pairs = node.mapping {
            var vlan: String?
            var labels: [String: String] = [:]
            for (key, pair) in reader.knownPairs(pairs, known: ["vlan", "labels"], context: "`x-reconcile.hosts`") {
                if key == "vlan" {
                    vlan = reader.string(pair.value, "`hosts.vlan`")
                } else {
                    labels = reader.stringMap(pair.value, "`hosts.labels`")
                }
            }
            if vlan == nil, labels.isEmpty {
                sink.error(node.mark, "a host selector needs `vlan` or `labels`")
                return nil
            }
            return .selector(vlan: vlan, labels: labels)
        }
        let names = reader.stringList(node, "`x-reconcile.hosts`", allowSingle: true)
        if names.isEmpty {
            sink.error(node.mark, "`x-reconcile.hosts` names no host")
            return nil
        }
        return .hosts(names)
    }

    private func health(_ node: YAMLNode) -> HealthPolicy {
        var policy = HealthPolicy()
        guard let pairs = reader.mapping(node, "`x-reconcile.health`") else { return policy }
        for (key, pair) in reader.knownPairs(pairs, known: ["timeout", "min_ready"], context: "`x-reconcile.health`") {
            if key == "timeout" {
                policy.timeout = reader.duration(pair.value, "`health.timeout`")
            } else if let value = reader.duration(pair.value, "`health.min_ready`") {
                policy.minReady = value
            }
        }
        return policy
    }
}
