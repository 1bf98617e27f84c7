import FoundationEssentials

/// Writes a decrypted tree as JSON, keys in file order.
enum SopsJSONWriter {
    static func write(_ tree: SopsTree, indent: String = "") -> String {
        let inner = indent + "  "
        switch tree {
        case .map(let entries):
            guard !entries.isEmpty else { return "{}" }
            let body = entries.map { inner + quoted($0.key) + ": " + write($0.value, indent: inner) }
            return "{\n" + body.joined(separator: ",\n") + "\n" + indent + "}"
        case .list(let items):
            guard !items.isEmpty else { return "[]" }
            return "[\n" + items.map { inner + write($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .scalar(let scalar):
            switch scalar {
            case .string(let text): return quoted(text)
            case .int(let text), .float(let text): return text
            case .bool(let value): return value ? "true" : "false"
            case .null: return "null"
            }
        }
    }

    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode([text]) else { return "\"\"" }
        // `["…"]`: drop the brackets.
        return String(decoding: Array(data).dropFirst().dropLast(), as: UTF8.self)
    }
}
