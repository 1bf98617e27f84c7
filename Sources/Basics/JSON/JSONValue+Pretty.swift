extension JSONValue {
    /// The text `JSONSerialization` wrote with `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]`, byte for
    /// byte: two-space indents, `"key" : value`, keys in `FoundationKeyOrder`, empty containers as `{\n\n}`.
    /// Recorded specs are stored in this form, so old and new revisions read and diff alike.
    public var prettyPrinted: String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(value): out += value ? "true" : "false"
        case let .integer(value): out += String(value)
        case let .unsigned(value): out += String(value)
        case let .double(value):
            let text = value.description
            out += text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        case let .string(text): Self.writeString(text, to: &out)
        case let .array(elements):
            out += "[\n"
            for (index, element) in elements.enumerated() {
                if index > 0 { out += ",\n" }
                out += String(repeating: " ", count: indent + 2)
                element.write(to: &out, indent: indent + 2)
            }
            out += "\n" + String(repeating: " ", count: indent) + "]"
        case let .object(members):
            out += "{\n"
            for (index, key) in members.keys.sorted(by: FoundationKeyOrder.less).enumerated() {
                out += (index > 0 ? ",\n" : "") + String(repeating: " ", count: indent + 2)
                Self.writeString(key, to: &out)
                out += " : "
                members[key]?.write(to: &out, indent: indent + 2)
            }
            out += "\n" + String(repeating: " ", count: indent) + "}"
        }
    }

    /// `text` as a JSON string literal, escaped as `JSONSerialization` escaped it (also the canonical hash's form).
    public static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0}"..."\u{1f}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
