import Basics
import FoundationEssentials

/// What changed between two recorded specs, field by field (`services.web.environment.SIDE: "1" → "2"`).
/// The specs are recorded with secrets already replaced by fingerprints, so the diff never shows one.
struct FieldChange: Sendable, Codable, Equatable {
    var field: String
    var old: String?
    var new: String?
}

enum FieldDiff {
    static func changes(from old: String?, to new: String) -> [FieldChange] {
        let before = old.map { flatten(JSONValue.parse(Data($0.utf8))) } ?? [:]
        let after = flatten(JSONValue.parse(Data(new.utf8)))
        return Set(before.keys).union(after.keys).sorted().compactMap { field in
            before[field] == after[field] ? nil : FieldChange(field: field, old: before[field], new: after[field])
        }
    }

    /// Every leaf as `dotted.path → JSON text`; arrays of scalars stay one field (`[a, b]`), as a person reads them.
    static func flatten(_ value: JSONValue?) -> [String: String] {
        var out: [String: String] = [:]
        func walk(_ value: JSONValue, _ path: String) {
            switch value {
            case .object(let members):
                for (key, member) in members { walk(member, path.isEmpty ? key : "\(path).\(key)") }
            case .array(let elements) where elements.contains(where: { $0.object != nil || $0.array != nil }):
                for (index, element) in elements.enumerated() { walk(element, "\(path)[\(index)]") }
            default:
                out[path] = text(value)
            }
        }
        if let value { walk(value, "") }
        return out
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .unsigned(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let string): return "\"\(string)\""
        case .array(let elements): return "[" + elements.map(text).joined(separator: ", ") + "]"
        case .object: return "{…}"
        }
    }
}
