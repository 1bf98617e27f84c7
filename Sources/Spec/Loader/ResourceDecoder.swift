import YAML

/// Top-level `networks:` and `volumes:` with compose's naming (`<project>_<key>` unless external or named).
struct ResourceDecoder {
    let reader: NodeReader
    var sink: DiagnosticSink { reader.sink }

    func networks(_ node: YAMLNode, project: String) -> [String: NetworkSpec] {
        let own: Set<String> = ["ipam", "internal", "attachable", "enable_ipv6"]
        return resources(node, kind: "network", project: project, empty: NetworkSpec(name: ""), own: own) {
            option, value, what, network in
            switch option {
            case "ipam": network.ipam = ipam(value)
            case "internal": network.isInternal = reader.bool(value, what) ?? false
            case "attachable": network.attachable = reader.bool(value, what) ?? false
            default: network.enableIPv6 = reader.bool(value, what)
            }
        }
    }

    func volumes(_ node: YAMLNode, project: String) -> [String: VolumeSpec] {
        resources(node, kind: "volume", project: project, empty: VolumeSpec(name: ""), own: []) { _, _, _, _ in }
    }

    /// The `networks:` or `volumes:` mapping: the options both kinds take, then `ownOption` for the `own` ones of
    /// `kind`; each is named `name:` if given, else `<project>_<key>` (external: the key).
    private func resources<Resource: TopLevelResource>(
        _ node: YAMLNode, kind: String, project: String, empty: Resource, own: Set<String>,
        ownOption: (_ option: String, _ value: YAMLNode, _ what: String, inout Resource) -> Void
    ) -> [String: Resource] {
        guard let pairs = reader.mapping(node, "`\(kind)s`") else { return [:] }
        let known = own.union(["name", "external", "driver", "driver_opts", "labels"])
        var result: [String: Resource] = [:]
        for pair in pairs {
            guard let key = reader.string(pair.key, "a \(kind) name") else { continue }
            var resource = empty
            var explicitName: String?
            let options = pair.value.isNull ? [] : (reader.mapping(pair.value, "\(kind) `\(key)`") ?? [])
            for (option, entry) in reader.knownPairs(options, known: known, context: "\(kind) `\(key)`") {
                let value = entry.value, what = "\(kind) `\(key)`.`\(option)`"
                switch option {
                case "name": explicitName = reader.string(value, what)
                case "external": resource.external = reader.bool(value, what) ?? false
                case "driver": resource.driver = reader.string(value, what)
                case "driver_opts": resource.driverOpts = reader.stringMap(value, what)
                case "labels": resource.labels = reader.stringMap(value, what)
                default: ownOption(option, value, what, &resource)
                }
            }
            resource.name = explicitName ?? (resource.external ? key : "\(project)_\(key)")
            result[key] = resource
        }
        return result
    }

    private func ipam(_ node: YAMLNode) -> IPAMSpec? {
        guard let pairs = reader.mapping(node, "`ipam`") else { return nil }
        var ipam = IPAMSpec()
        for (key, pair) in reader.knownPairs(pairs, known: ["driver", "config", "options"], context: "`ipam`") {
            switch key {
            case "driver": ipam.driver = reader.string(pair.value, "`ipam.driver`")
            case "options": ipam.options = reader.stringMap(pair.value, "`ipam.options`")
            default:
                let pools = reader.sequence(pair.value, "`ipam.config`") ?? []
                ipam.config = pools.compactMap(pool)
            }
        }
        return ipam
    }

    private func pool(_ node: YAMLNode) -> IPAMSpec.Pool? {
        guard let pairs = reader.mapping(node, "an `ipam.config` entry") else { return nil }
        var pool = IPAMSpec.Pool()
        let known: Set<String> = ["subnet", "gateway", "ip_range", "aux_addresses"]
        for (key, pair) in reader.knownPairs(pairs, known: known, context: "an `ipam.config` entry") {
            let what = "`ipam.config.\(key)`"
            switch key {
            case "subnet": pool.subnet = reader.string(pair.value, what)
            case "gateway": pool.gateway = reader.string(pair.value, what)
            case "ip_range": pool.ipRange = reader.string(pair.value, what)
            default: pool.auxAddresses = reader.stringMap(pair.value, what)
            }
        }
        return pool
    }
}
