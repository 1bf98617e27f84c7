import YAML

/// How Compose merges a list-valued key set both by a service and the one it extends, checked against
/// `docker compose config`: the base's items, then the new ones, an item with the same identity replaced in
/// place; maps and their list forms (`KEY=value`, a list of names) merged key by key.
extension ServiceMerge {
    /// Keys whose items are plain strings appended without repeats (a single string counts as a list of one).
    static let appendedKeys: Set<String> = [
        "cap_add", "cap_drop", "dns", "dns_search", "dns_opt", "expose", "security_opt", "tmpfs", "group_add",
        "links", "profiles", "extra_hosts", "aliases",
    ]
    /// Keys whose list form is `KEY=value` and whose map form is `KEY: value`.
    static let keyValueKeys: Set<String> = ["environment", "labels", "sysctls", "annotations"]
    /// Keys whose list form names entries and whose map form gives each its options.
    static let namedKeys: Set<String> = ["depends_on", "networks"]
    /// Keys whose items, short or long form, are one per target (or published port, or path).
    static let targetedKeys: Set<String> = ["ports", "volumes", "devices", "secrets", "configs", "env_file"]

    /// The merged value; nil when `key` is not one Compose merges or a side has a shape it cannot take.
    /// `mergeMaps` merges two mappings as `extends` does (for the options of `depends_on` and `networks`).
    static func mergedList(_ key: String, _ base: YAMLNode, _ own: YAMLNode,
                           mergeMaps: (YAMLNode, YAMLNode) -> YAMLNode?) -> YAMLNode? {
        if appendedKeys.contains(key) {
            guard let baseItems = plainItems(key, base), let ownItems = plainItems(key, own) else { return nil }
            let identity: (YAMLNode) -> String = key == "extra_hosts" ? { hostEntry($0.scalar?.value ?? "") } : { $0.scalar?.value ?? "" }
            return sequence(merged(baseItems, ownItems, identity: identity), at: own)
        }
        if keyValueKeys.contains(key) {
            if let baseItems = plainItems(key, base), let ownItems = plainItems(key, own) {
                return sequence(merged(baseItems, ownItems) { String(($0.scalar?.value ?? "").prefix { $0 != "=" }) }, at: own)
            }
            guard let basePairs = keyValuePairs(base), let ownPairs = keyValuePairs(own) else { return nil }
            return mapping(mergedPairs(basePairs, ownPairs), at: own)
        }
        if namedKeys.contains(key) {
            if let baseItems = plainItems(key, base), let ownItems = plainItems(key, own) {
                return sequence(merged(baseItems, ownItems) { $0.scalar?.value ?? "" }, at: own)
            }
            guard let baseMap = namedMapping(key, base), let ownMap = namedMapping(key, own) else { return nil }
            return mergeMaps(baseMap, ownMap)
        }
        if targetedKeys.contains(key) {
            let baseItems = key == "env_file" && base.scalar != nil ? [base] : base.sequence
            let ownItems = key == "env_file" && own.scalar != nil ? [own] : own.sequence
            guard let baseItems, let ownItems else { return nil }
            let identities = (baseItems + ownItems).map { targetIdentity(key, $0) }
            guard !identities.contains(nil) else { return nil }
            return sequence(merged(baseItems, ownItems) { targetIdentity(key, $0) ?? "" }, at: own)
        }
        return nil
    }

    /// The base's items then the new ones; an item whose identity is already there replaces it in place.
    private static func merged(_ base: [YAMLNode], _ own: [YAMLNode], identity: (YAMLNode) -> String) -> [YAMLNode] {
        var items = base
        for item in own {
            let id = identity(item)
            if let index = items.firstIndex(where: { identity($0) == id }) {
                items[index] = item
            } else {
                items.append(item)
            }
        }
        return items
    }

    private static func mergedPairs(_ base: [YAMLPair], _ own: [YAMLPair]) -> [YAMLPair] {
        var pairs = base
        for pair in own {
            if let index = pairs.firstIndex(where: { $0.key.scalar?.value == pair.key.scalar?.value }) {
                pairs[index] = pair
            } else {
                pairs.append(pair)
            }
        }
        return pairs
    }

    /// A list (or one string) of plain strings; `extra_hosts` as a map becomes its `host=ip` entries.
    private static func plainItems(_ key: String, _ node: YAMLNode) -> [YAMLNode]? {
        if node.scalar != nil, !node.isNull {
            return appendedKeys.contains(key) ? [node] : nil
        }
        if key == "extra_hosts", let pairs = node.mapping {
            return pairs.flatMap { pair -> [YAMLNode] in
                let host = pair.key.scalar?.value ?? ""
                let addresses = pair.value.sequence ?? [pair.value]
                return addresses.map { text("\(host)=\($0.scalar?.value ?? "")", at: $0) }
            }
        }
        guard let items = node.sequence, items.allSatisfy({ $0.scalar != nil && !$0.isNull }) else { return nil }
        return items
    }

    /// `KEY=value` items (or a map) as pairs; a bare `KEY` is a null value, as Compose reads it.
    private static func keyValuePairs(_ node: YAMLNode) -> [YAMLPair]? {
        if let pairs = node.mapping { return pairs }
        guard let items = node.sequence else { return nil }
        var pairs: [YAMLPair] = []
        for item in items {
            guard let entry = item.scalar?.value, !item.isNull else { return nil }
            let key = String(entry.prefix { $0 != "=" })
            let value = entry.count > key.count ? text(String(entry.dropFirst(key.count + 1)), at: item)
                                                 : YAMLNode(content: .scalar(YAMLScalar("")), mark: item.mark)
            pairs.append(YAMLPair(key: text(key, at: item), value: value))
        }
        return pairs
    }

    /// A list of names as the map Compose reads it as: `depends_on` entries wait for the start, networks take
    /// no options.
    private static func namedMapping(_ key: String, _ node: YAMLNode) -> YAMLNode? {
        if node.mapping != nil { return node }
        guard let items = node.sequence, items.allSatisfy({ $0.scalar != nil && !$0.isNull }) else { return nil }
        let pairs = items.map { item -> YAMLPair in
            let options = key == "depends_on"
                ? YAMLNode(content: .mapping([YAMLPair(key: text("condition", at: item), value: text("service_started", at: item))]),
                           mark: item.mark)
                : YAMLNode(content: .scalar(YAMLScalar("")), mark: item.mark)
            return YAMLPair(key: item, value: options)
        }
        return YAMLNode(content: .mapping(pairs), mark: node.mark)
    }

    /// What makes an item of a targeted list the same as another: its target (a port: address, published port,
    /// target and protocol; an `env_file`: its path). Nil for an item of a shape the key does not take.
    static func targetIdentity(_ key: String, _ item: YAMLNode) -> String? {
        if let pairs = item.mapping {
            let field = { (name: String) in pairs.first { $0.key.scalar?.value == name }?.value.scalar?.value }
            switch key {
            case "ports":
                return portIdentity(ip: field("host_ip") ?? "", published: field("published") ?? "",
                                    target: field("target") ?? "", protocol: field("protocol") ?? "tcp")
            case "secrets": return field("target") ?? field("source").map { "/run/secrets/\($0)" }
            case "configs": return field("target") ?? field("source").map { "/\($0)" }
            case "env_file": return field("path")
            default: return field("target").map(ServiceDecoder.cleanTarget)
            }
        }
        guard let text = item.scalar?.value, !item.isNull else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch key {
        case "ports": return shortPortIdentity(text)
        case "secrets": return "/run/secrets/\(text)"
        case "configs": return "/\(text)"
        case "env_file": return text
        default: return ServiceDecoder.cleanTarget(parts.count == 1 ? parts[0] : parts[1])
        }
    }

    /// `[ip:][published:]target[/protocol]`, with an IPv6 address in brackets.
    private static func shortPortIdentity(_ text: String) -> String {
        var rest = Substring(text), ip = ""
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            ip = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...].drop { $0 == ":" }
        }
        let protocolParts = rest.split(separator: "/", maxSplits: 1)
        let proto = protocolParts.count == 2 ? String(protocolParts[1]) : "tcp"
        var parts = (protocolParts.first ?? "").split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let target = parts.popLast() ?? ""
        let published = parts.popLast() ?? ""
        if ip.isEmpty { ip = parts.joined(separator: ":") }
        return portIdentity(ip: ip, published: published, target: target, protocol: proto)
    }

    private static func portIdentity(ip: String, published: String, target: String, protocol proto: String) -> String {
        "\(ip)|\(published)|\(target)|\(proto)"
    }

    /// `host:ip` and `host=ip` are the same entry.
    private static func hostEntry(_ text: String) -> String {
        guard !text.contains("="), let colon = text.firstIndex(of: ":") else { return text }
        var entry = text
        entry.replaceSubrange(colon...colon, with: "=")
        return entry
    }

    private static func text(_ value: String, at node: YAMLNode) -> YAMLNode {
        YAMLNode(content: .scalar(YAMLScalar(value, style: .doubleQuoted)), mark: node.mark, tag: "tag:yaml.org,2002:str")
    }

    private static func sequence(_ items: [YAMLNode], at node: YAMLNode) -> YAMLNode {
        YAMLNode(content: .sequence(items), mark: node.mark)
    }

    private static func mapping(_ pairs: [YAMLPair], at node: YAMLNode) -> YAMLNode {
        YAMLNode(content: .mapping(pairs), mark: node.mark)
    }
}
