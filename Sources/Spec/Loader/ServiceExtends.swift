import YAML

/// `extends` within the same file, resolved on the YAML nodes before a service is decoded, with Compose's merge:
/// the extending service's scalars win, mappings merge key by key, `command`/`entrypoint`/`test` are replaced,
/// lists of plain strings merge (`mergedList`). Other pairs of lists (long forms, a list against a map) reconcile
/// refuses at the key rather than guess; positions stay those of the file, so later errors point where the
/// value was written.
struct ServiceExtends {
    let reader: NodeReader
    /// Every `services.<name>` node of the file.
    let services: [String: YAMLNode]
    var sink: DiagnosticSink { reader.sink }

    /// Keys whose value replaces the base's whatever its shape.
    static let replaced: Set<String> = ["command", "entrypoint", "test"]

    /// The service node with its `extends` chain merged in; nil after an error.
    func resolve(_ name: String, _ node: YAMLNode, visiting: [String] = []) -> YAMLNode? {
        guard let pairs = node.mapping, let extends = node.pair(forKey: "extends") else { return node }
        guard let baseName = baseName(extends.value) else { return nil }
        guard !visiting.contains(baseName), baseName != name else {
            sink.error(extends.value.mark, "`extends` of service `\(name)` loops: "
                           + (visiting + [name, baseName]).joined(separator: " → ") + "; break the cycle")
            return nil
        }
        guard let baseNode = services[baseName] else {
            let hint = EditDistance.hint(for: baseName, among: services.keys)
            sink.error(extends.value.mark, "service `\(name)` extends `\(baseName)`, which is not a service of this file\(hint)")
            return nil
        }
        guard let base = resolve(baseName, baseNode, visiting: visiting + [name]) else { return nil }
        let own = YAMLNode(content: .mapping(pairs.filter { $0.key.scalar?.value != "extends" }), mark: node.mark, tag: node.tag)
        return merge(base, own, path: name, baseName: baseName, isService: true)
    }

    /// `extends: base` or `extends: {service: base}`; `file:` is refused (not yet).
    private func baseName(_ node: YAMLNode) -> String? {
        guard let pairs = node.mapping else { return reader.string(node, "`extends`") }
        var service: String?
        for (key, pair) in reader.knownPairs(pairs, known: ["service", "file"], context: "`extends`") {
            if key == "file" {
                sink.error(pair.key.mark, "`extends.file` is not supported yet; extend a service of the same file, or "
                               + "use YAML anchors and merge keys (`<<: *base`)")
                return nil
            }
            service = reader.string(pair.value, "`extends.service`")
        }
        guard let service else {
            sink.error(node.mark, "`extends` needs `service:` naming the service to extend")
            return nil
        }
        return service
    }

    /// Lists of plain strings Compose merges (as `docker compose config` shows): the base's items, then the new
    /// ones, an item with the same identity (the whole text; `KEY` of `KEY=value`; a volume's target) replaced
    /// in place. Nil when either list is not plain strings or the key is not one of these.
    static func mergedList(_ key: String, _ base: YAMLNode, _ own: YAMLNode) -> [YAMLNode]? {
        let identity: (String) -> String
        switch key {
        case "cap_add", "cap_drop", "dns", "expose", "security_opt", "tmpfs", "devices", "ports", "extra_hosts",
             "depends_on", "networks", "group_add", "links", "profiles":
            identity = { $0 }
        case "environment", "labels":
            identity = { String($0.prefix { $0 != "=" }) }
        case "volumes":
            identity = { text in
                let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                return String(parts.count == 1 ? parts[0] : parts[1])
            }
        default:
            return nil
        }
        guard let baseItems = base.sequence, let ownItems = own.sequence,
              (baseItems + ownItems).allSatisfy({ $0.scalar != nil && !$0.isNull }) else { return nil }
        var items = baseItems
        for item in ownItems {
            let id = identity(item.scalar?.value ?? "")
            if let index = items.firstIndex(where: { identity($0.scalar?.value ?? "") == id }) {
                items[index] = item
            } else {
                items.append(item)
            }
        }
        return items
    }

    /// As Compose: `logging` with another driver replaces the base's (its options belong to its driver).
    private static func changesLoggingDriver(_ key: String, _ base: YAMLNode, _ own: YAMLNode) -> Bool {
        guard key == "logging", let driver = own["driver"]?.scalar?.value else { return false }
        return base["driver"]?.scalar?.value != driver
    }

    /// `own` over `base`: Compose's override for scalars and mappings; two lists only where Compose replaces.
    private func merge(_ base: YAMLNode, _ own: YAMLNode, path: String, baseName: String,
                       isService: Bool = false) -> YAMLNode? {
        guard let basePairs = base.mapping, let ownPairs = own.mapping else { return own }
        var merged = basePairs
        var failed = false
        for pair in ownPairs {
            guard let key = pair.key.scalar?.value,
                  let index = merged.firstIndex(where: { $0.key.scalar?.value == key }) else {
                merged.append(pair)
                continue
            }
            let inherited = merged[index].value
            if Self.replaced.contains(key) || (inherited.scalar != nil && pair.value.scalar != nil) || inherited.isNull
                || Self.changesLoggingDriver(key, inherited, pair.value) {
                merged[index] = pair
            } else if inherited.mapping != nil, pair.value.mapping != nil {
                guard let value = merge(inherited, pair.value, path: "\(path).\(key)", baseName: baseName) else {
                    failed = true
                    continue
                }
                merged[index] = YAMLPair(key: pair.key, value: value)
            } else if isService, let items = Self.mergedList(key, inherited, pair.value) {
                merged[index] = YAMLPair(key: pair.key, value: YAMLNode(content: .sequence(items), mark: pair.value.mark))
            } else {
                sink.error(pair.key.mark, "`\(path).\(key)` is set here and in `\(baseName)`, which it extends; "
                               + "reconcile does not merge lists through `extends` yet: write the whole `\(key)` in one of them")
                failed = true
            }
        }
        return failed ? nil : YAMLNode(content: .mapping(merged), mark: own.mark, tag: own.tag)
    }
}
