import YAML

/// Compose's merge of one service definition over another (`extends`, and the files of one `include` item):
/// scalars of the later one win, mappings merge key by key, `command`/`entrypoint`/`test` are replaced, lists
/// merge as Compose merges them (`mergedList`); what Compose would merge otherwise is refused at the key.
struct ServiceMerge {
    let sink: DiagnosticSink
    /// The other definition, for errors: "`base`, which it extends".
    let other: String
    /// How the two meet, for errors: "through `extends`".
    let across: String

    /// Keys whose value replaces the base's whatever its shape.
    static let replaced: Set<String> = ["command", "entrypoint", "test"]

    /// `own` over `base`, both service mappings; nil after an error.
    func merge(_ base: YAMLNode, _ own: YAMLNode, path: String) -> YAMLNode? {
        merge(base, own, path: path, isService: true)
    }

    /// As Compose: `logging` with another driver replaces the base's (its options belong to its driver).
    private static func changesLoggingDriver(_ key: String, _ base: YAMLNode, _ own: YAMLNode) -> Bool {
        guard key == "logging", let driver = own["driver"]?.scalar?.value else { return false }
        return base["driver"]?.scalar?.value != driver
    }

    /// Values that replace the base's: scalars, a null, a mapping against a scalar (`ulimits.nofile: 1` against
    /// `{soft, hard}`), the keys Compose always replaces.
    private static func replaces(_ key: String, _ base: YAMLNode, _ own: YAMLNode) -> Bool {
        if replaced.contains(key) || base.isNull || own.isNull || changesLoggingDriver(key, base, own) { return true }
        let isMapping = (base.mapping != nil, own.mapping != nil)
        return base.sequence == nil && own.sequence == nil && isMapping != (true, true)
    }

    /// `own` over `base`: Compose's override for scalars and mappings; lists as `mergedList` merges them.
    private func merge(_ base: YAMLNode, _ own: YAMLNode, path: String, isService: Bool) -> YAMLNode? {
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
            let value: YAMLNode?
            if Self.replaces(key, inherited, pair.value) {
                value = pair.value
            } else if inherited.mapping != nil, pair.value.mapping != nil {
                value = merge(inherited, pair.value, path: "\(path).\(key)", isService: false)
            } else if isService || key == "aliases", Self.mergeable(key) {
                value = Self.mergedList(key, inherited, pair.value) { merge($0, $1, path: "\(path).\(key)", isService: false) }
                if value == nil {
                    sink.error(pair.key.mark, "`\(path).\(key)` here and `\(key)` in \(other): forms "
                                   + "Compose does not merge; write both as lists or both as maps")
                }
            } else {
                sink.error(pair.key.mark, "`\(path).\(key)` is set here and in \(other); reconcile does not merge "
                               + "these lists \(across): write the whole `\(key)` in one of them")
                value = nil
            }
            guard let value else {
                failed = true
                continue
            }
            merged[index] = YAMLPair(key: pair.key, value: value)
        }
        return failed ? nil : YAMLNode(content: .mapping(merged), mark: own.mark, tag: own.tag)
    }

    private static func mergeable(_ key: String) -> Bool {
        appendedKeys.contains(key) || keyValueKeys.contains(key) || namedKeys.contains(key) || targetedKeys.contains(key)
    }
}
