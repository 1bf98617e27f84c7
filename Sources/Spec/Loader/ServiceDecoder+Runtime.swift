import YAML

extension ServiceDecoder {
    /// `healthcheck` with `test` normalised to compose's list form.
    func healthcheck(_ node: YAMLNode) -> Healthcheck? {
        guard let pairs = reader.mapping(node, "`healthcheck`") else { return nil }
        let known: Set<String> = ["test", "interval", "timeout", "retries", "start_period", "start_interval", "disable"]
        var check = Healthcheck()
        for (key, pair) in reader.knownPairs(pairs, known: known, context: "`healthcheck`") {
            let value = pair.value, what = "healthcheck `\(key)`"
            switch key {
            case "test": check.test = healthTest(value)
            case "interval": check.interval = reader.duration(value, what)
            case "timeout": check.timeout = reader.duration(value, what)
            case "retries": check.retries = reader.int(value, what)
            case "start_period": check.startPeriod = reader.duration(value, what)
            case "start_interval": check.startInterval = reader.duration(value, what)
            default: check.disable = reader.bool(value, what) ?? false
            }
        }
        return check
    }

    private func healthTest(_ node: YAMLNode) -> [String]? {
        if node.sequence != nil {
            let test = reader.stringList(node, "healthcheck `test`")
            guard let first = test.first, ["NONE", "CMD", "CMD-SHELL"].contains(first) else {
                sink.error(node.mark, "healthcheck `test` lists must start with CMD, CMD-SHELL or NONE")
                return nil
            }
            return test
        }
        return reader.string(node, "healthcheck `test`").map { ["CMD-SHELL", $0] }
    }

    /// `depends_on` as a list of names or a map with condition/restart/required.
    func dependsOn(_ node: YAMLNode) -> [String: DependsOn] {
        reader.namedEntries(node, "`depends_on`", nameWhat: "a service name in `depends_on`", short: DependsOn()) {
            name, value in
            var edge = DependsOn()
            guard let options = reader.mapping(value, "`depends_on.\(name)`") else { return nil }
            if !options.contains(where: { $0.key.scalar?.value == "condition" }) {
                sink.error(value.mark, "`depends_on.\(name)` needs `condition` (service_started, service_healthy or service_completed_successfully)")
            }
            let known: Set<String> = ["condition", "restart", "required"]
            for (key, option) in reader.knownPairs(options, known: known, context: "`depends_on.\(name)`") {
                switch key {
                case "condition":
                    guard let condition: DependsOn.Condition = reader.choice(
                        option.value, "`condition`", unknown: "condition", listed: { "one of " + $0.joined(separator: ", ") }
                    ) else { continue }
                    edge.condition = condition
                case "restart": edge.restart = reader.bool(option.value, "`restart`") ?? false
                default: edge.required = reader.bool(option.value, "`required`") ?? true
                }
            }
            return edge
        }
    }

    /// Service `networks` as a list of names or a map with aliases and static addresses.
    func networks(_ node: YAMLNode) -> [String: ServiceNetwork] {
        reader.namedEntries(node, "`networks`", nameWhat: "a network name", short: ServiceNetwork()) { name, value in
            var attachment = ServiceNetwork()
            let options = value.isNull ? [] : (reader.mapping(value, "`networks.\(name)`") ?? [])
            let known: Set<String> = ["aliases", "ipv4_address", "ipv6_address"]
            for (key, option) in reader.knownPairs(options, known: known, context: "`networks.\(name)`") {
                switch key {
                case "aliases": attachment.aliases = reader.stringList(option.value, "`aliases`")
                case "ipv4_address": attachment.ipv4Address = reader.string(option.value, "`ipv4_address`")
                default: attachment.ipv6Address = reader.string(option.value, "`ipv6_address`")
                }
            }
            return attachment
        }
    }

    /// `devices` as `src[:dst[:perms]]` strings or long form.
    func devices(_ node: YAMLNode) -> [DeviceMapping] {
        guard let items = reader.sequence(node, "`devices`") else { return [] }
        return items.compactMap { item in
            if let pairs = item.mapping {
                let map = reader.stringMap(YAMLNode(content: .mapping(pairs), mark: item.mark), "a device")
                guard let source = map["source"] else {
                    sink.error(item.mark, "a device in long form needs `source`")
                    return nil
                }
                return DeviceMapping(source: source, target: map["target"] ?? source, permissions: map["permissions"] ?? "rwm")
            }
            guard let text = reader.string(item, "each item of `devices`") else { return nil }
            let parts = text.split(separator: ":").map(String.init)
            guard (1...3).contains(parts.count) else {
                sink.error(item.mark, "invalid device `\(text)`; write `/dev/host[:/dev/container[:rwm]]`")
                return nil
            }
            return DeviceMapping(source: parts[0], target: parts.count > 1 ? parts[1] : parts[0],
                                 permissions: parts.count > 2 ? parts[2] : "rwm")
        }
    }

    /// `extra_hosts` as `host:ip`/`host=ip` strings or a map, normalised to compose's `host=ip`.
    func extraHosts(_ node: YAMLNode) -> [String] {
        if let pairs = node.mapping {
            var result: [String] = []
            for pair in pairs {
                guard let host = reader.string(pair.key, "a host in `extra_hosts`") else { continue }
                let addresses = pair.value.sequence != nil
                    ? reader.stringList(pair.value, "`extra_hosts.\(host)`")
                    : [reader.string(pair.value, "`extra_hosts.\(host)`") ?? ""]
                result += addresses.map { "\(host)=\($0)" }
            }
            return result
        }
        return reader.stringList(node, "`extra_hosts`").compactMap { entry in
            guard let separator = entry.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                sink.error(node.mark, "invalid extra host `\(entry)`; write `name:address`")
                return nil
            }
            return entry[..<separator] + "=" + entry[entry.index(after: separator)...]
        }
    }

    func logging(_ node: YAMLNode) -> Logging? {
        guard let pairs = reader.mapping(node, "`logging`") else { return nil }
        var logging = Logging()
        for (key, pair) in reader.knownPairs(pairs, known: ["driver", "options"], context: "`logging`") {
            if key == "driver" {
                logging.driver = reader.string(pair.value, "logging `driver`")
            } else if !pair.value.isNull {
                logging.options = reader.stringMap(pair.value, "logging `options`")
            }
        }
        return logging
    }

    /// `ulimits` entries as one number or `{soft, hard}`.
    func ulimits(_ node: YAMLNode) -> [String: Ulimit] {
        guard let pairs = reader.mapping(node, "`ulimits`") else { return [:] }
        var result: [String: Ulimit] = [:]
        for pair in pairs {
            guard let name = reader.string(pair.key, "a ulimit name") else { continue }
            if pair.value.mapping == nil {
                if let value = reader.int(pair.value, "ulimit `\(name)`") {
                    result[name] = Ulimit(soft: value, hard: value, single: true)
                }
                continue
            }
            let limits = reader.stringMap(pair.value, "ulimit `\(name)`")
            guard let soft = limits["soft"].flatMap({ Int($0) }), let hard = limits["hard"].flatMap({ Int($0) }) else {
                sink.error(pair.value.mark, "ulimit `\(name)` needs integer `soft` and `hard`")
                continue
            }
            result[name] = Ulimit(soft: soft, hard: hard)
        }
        return result
    }
}
