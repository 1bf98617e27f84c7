import YAML

/// Typed reads of YAML nodes with compose's coercions; every mismatch becomes a positioned diagnostic.
struct NodeReader {
    let sink: DiagnosticSink

    /// A scalar as compose's string (numbers formatted like Go); nil (and an error) for lists/maps.
    func string(_ node: YAMLNode, _ what: String) -> String? {
        guard let resolved = node.resolved else {
            sink.error(node.mark, "\(what) must be a string, found \(node.kindDescription)")
            return nil
        }
        guard let text = resolved.composeText else {
            sink.error(node.mark, "\(what) must be a string, found null")
            return nil
        }
        return text
    }

    /// One of an enum's raw values; anything else is an error naming the `noun`, the choices (`listed` words them)
    /// and the closest one.
    func choice<Value: RawRepresentable & CaseIterable>(
        _ node: YAMLNode, _ what: String, unknown noun: String,
        listed: ([String]) -> String = { $0.joined(separator: ", ") }
    ) -> Value? where Value.RawValue == String {
        guard let text = string(node, what) else { return nil }
        if let value = Value(rawValue: text) { return value }
        let names = Value.allCases.map(\.rawValue)
        sink.error(node.mark, "unknown \(noun) `\(text)`; use \(listed(names))" + EditDistance.hint(for: text, among: names))
        return nil
    }

    /// Like `string` but null is allowed and gives nil without an error.
    func optionalString(_ node: YAMLNode, _ what: String) -> String? {
        node.isNull ? nil : string(node, what)
    }

    /// Booleans as compose accepts them: true/false in any case, and YAML 1.1 yes/no/on/off/y/n (with a warning).
    func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        let text: String?
        switch node.resolved {
        case .bool(let b): return b
        case .string(let s): text = s.lowercased()
        default: text = nil
        }
        switch text {
        case "true": return true
        case "false": return false
        case "yes", "y", "on":
            sink.warning(node.mark, "`\(node.scalar?.value ?? "")` for \(what) is YAML 1.1; write `true`")
            return true
        case "no", "n", "off":
            sink.warning(node.mark, "`\(node.scalar?.value ?? "")` for \(what) is YAML 1.1; write `false`")
            return false
        default:
            sink.error(node.mark, "\(what) must be a boolean (true or false), found `\(node.scalar?.value ?? node.kindDescription)`")
            return nil
        }
    }

    func int(_ node: YAMLNode, _ what: String) -> Int? {
        switch node.resolved {
        case .int(let i): return Int(i)
        case .string(let s): if let i = Int(s) { return i }
        default: break
        }
        sink.error(node.mark, "\(what) must be an integer, found `\(node.scalar?.value ?? node.kindDescription)`")
        return nil
    }

    func double(_ node: YAMLNode, _ what: String) -> Double? {
        switch node.resolved {
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .string(let s): if let d = Double(s) { return d }
        default: break
        }
        sink.error(node.mark, "\(what) must be a number, found `\(node.scalar?.value ?? node.kindDescription)`")
        return nil
    }

    /// A Go-style duration such as `1m30s` or `500ms`.
    func duration(_ node: YAMLNode, _ what: String) -> Duration? {
        withUnit(node, what, read: Units.duration, expected: "a duration; write e.g. `30s`, `1m30s` or `500ms`")
    }

    /// A byte size: an integer or a number with a unit (`512m`, `1g`).
    func bytes(_ node: YAMLNode, _ what: String) -> Int64? {
        withUnit(node, what, read: Units.bytes, expected: "a size; write e.g. `512m` or `1g`")
    }

    /// A scalar that `read` understands; otherwise an error saying it is not `expected`.
    private func withUnit<Value>(_ node: YAMLNode, _ what: String, read: (String) -> Value?,
                                 expected: String) -> Value? {
        guard let text = string(node, what) else { return nil }
        guard let value = read(text) else {
            sink.error(node.mark, "\(what): `\(text)` is not \(expected)")
            return nil
        }
        return value
    }

    func mapping(_ node: YAMLNode, _ what: String) -> [YAMLPair]? {
        guard let pairs = node.mapping else {
            sink.error(node.mark, "\(what) must be a mapping, found \(node.kindDescription)")
            return nil
        }
        return pairs
    }

    func sequence(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        guard let items = node.sequence else {
            sink.error(node.mark, "\(what) must be a list, found \(node.kindDescription)")
            return nil
        }
        return items
    }

    /// A list of strings, or (when `allowSingle`) one string standing for a one-item list.
    func stringList(_ node: YAMLNode, _ what: String, allowSingle: Bool = false) -> [String] {
        if allowSingle, node.scalar != nil, !node.isNull {
            return string(node, what).map { [$0] } ?? []
        }
        guard let items = sequence(node, what) else { return [] }
        return items.compactMap { string($0, "each item of \(what)") }
    }

    /// Compose's short form, a list of names (each gets `short`), or its long form, a mapping of names to options
    /// that `long` reads (nil leaves the name out): `depends_on`, a service's `networks`.
    func namedEntries<Entry>(_ node: YAMLNode, _ what: String, nameWhat: String, short: Entry,
                             long: (_ name: String, _ options: YAMLNode) -> Entry?) -> [String: Entry] {
        if node.sequence != nil {
            return Dictionary(stringList(node, what).map { ($0, short) }, uniquingKeysWith: { $1 })
        }
        guard let pairs = mapping(node, what) else { return [:] }
        var result: [String: Entry] = [:]
        for pair in pairs {
            guard let name = string(pair.key, nameWhat) else { continue }
            if let entry = long(name, pair.value) { result[name] = entry }
        }
        return result
    }

    /// A `key: value` mapping or a `["key=value", "key"]` list (bare keys map to `bareValue`).
    func stringMap(_ node: YAMLNode, _ what: String, bareValue: String = "") -> [String: String] {
        var result: [String: String] = [:]
        if let items = node.sequence {
            for item in items {
                guard let entry = string(item, "each item of \(what)") else { continue }
                if let equals = entry.firstIndex(of: "=") {
                    result[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
                } else {
                    result[entry] = bareValue
                }
            }
            return result
        }
        guard let pairs = mapping(node, what) else { return [:] }
        for pair in pairs {
            guard let key = string(pair.key, "a key of \(what)") else { continue }
            result[key] = pair.value.isNull ? "" : string(pair.value, "\(what).\(key)")
        }
        return result
    }

    /// Reports keys that are not in `known` with a did-you-mean hint; returns the pairs that are known.
    func knownPairs(_ pairs: [YAMLPair], known: Set<String>, context: String) -> [(String, YAMLPair)] {
        stringKeyedPairs(pairs, context: context).filter { key, pair in
            guard known.contains(key) else {
                sink.error(pair.key.mark, "unknown key `\(key)` in \(context)\(EditDistance.hint(for: key, among: known))")
                return false
            }
            return true
        }
    }

    /// The pairs with their string keys, reporting any other key; `x-` extensions are left out, as compose does.
    func stringKeyedPairs(_ pairs: [YAMLPair], context: String) -> [(String, YAMLPair)] {
        pairs.compactMap { pair in
            guard let key = pair.key.scalar?.value else {
                sink.error(pair.key.mark, "keys of \(context) must be strings")
                return nil
            }
            return key.hasPrefix("x-") ? nil : (key, pair)
        }
    }
}
