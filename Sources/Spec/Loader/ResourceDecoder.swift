import YAML

/// Top-level `networks:` and `volumes:` with compose's naming (`<project>_<key>` unless external or named).
struct ResourceDecoder {
    let reader: NodeReader
    var sink: DiagnosticSink { reader.sink }

    func networks(_ node: YAMLNode, project: String) -> [String: NetworkSpec] {
        guard let pairs = reader.mapping(node, "`networks`") else { return [:] }
        let known: Set<String> = ["name", "external", "driver", "driver_opts", "ipam", "internal", "attachable",
                                  "enable_ipv6", "labels"]
        var result: [String: NetworkSpec] = [:]
        for pair in pairs {
            guard let key = reader.string(pair.key, "a network name") else { continue }
            var network = NetworkSpec(name: "")
            var explicitName: String?
            let options = pair.value.isNull ? [] : (reader.mapping(pair.value, "network `\(key)`") ?? [])
            for (option, entry) in reader.knownPairs(options, known: known, context: "network `\(key)`") {
                let value = entry.value, what = "network `\(key)`.`\(option)`"
                switch option {
                case "name": explicitName = reader.string(value, what)
                case "external": network.external = reader.bool(value, what) ?? false
                case "driver": network.driver = reader.string(value, what)
                case "driver_opts": network.driverOpts = reader.stringMap(value, what)
                case "ipam": network.ipam = ipam(value)
                case "internal": network.isInternal = reader.bool(value, what) ?? false
                case "attachable": network.attachable = reader.bool(value, what) ?? false
                case "enable_ipv6": network.enableIPv6 = reader.bool(value, what)
                default: network.labels = reader.stringMap(value, what)
                }
            }
            network.name = explicitName ?? (network.external ? key : "\(project)_\(key)")
            result[key] = network
        }
        return result
    }

    func volumes(_ node: YAMLNode, project: String) -> [String: VolumeSpec] {
        guard let pairs = reader.mapping(node, "`volumes`") else { return [:] }
        let known: Set<String> = ["name", "external", "driver", "driver_opts", "labels"]
        var result: [String: VolumeSpec] = [:]
        for pair in pairs {
            guard let key = reader.string(pair.key, "a volume name") else { continue }
            var volume = VolumeSpec(name: "")
            var explicitName: String?
            let options = pair.value.isNull ? [] : (reader.mapping(pair.value, "volume `\(key)`") ?? [])
            for (option, entry) in reader.knownPairs(options, known: known, context: "volume `\(key)`") {
                let value = entry.value, what = "volume `\(key)`.`\(option)`"
                switch option {
                case "name": explicitName = reader.string(value, what)
                case "external": volume.external = reader.bool(value, what) ?? false
                case "driver": volume.driver = reader.string(value, what)
                case "driver_opts": volume.driverOpts = reader.stringMap(value, what)
                default: volume.labels = reader.stringMap(value, what)
                }
            }
            volume.name = explicitName ?? (volume.external ? key : "\(project)_\(key)")
            result[key] = volume
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
