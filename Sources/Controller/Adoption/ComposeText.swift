import Basics

/// A compose file written by reconcile (`reconcile adopt`): maps in the order given, every string
/// double-quoted, and `$` doubled so Compose's interpolation gives back exactly what the container had.
indirect enum ComposeText: Sendable, Equatable {
    case scalar(String)
    /// Written bare: numbers and booleans.
    case literal(String)
    case list([ComposeText])
    case map([(String, ComposeText)])

    static func == (a: ComposeText, b: ComposeText) -> Bool { a.rendered(indent: 0) == b.rendered(indent: 0) }

    var isEmpty: Bool {
        switch self {
        case .list(let items): items.isEmpty
        case .map(let members): members.isEmpty
        case .scalar, .literal: false
        }
    }

    /// The document, ending in a newline.
    func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .scalar, .literal: return pad + inline + "\n"
        case .list(let items):
            return items.map { item in
                switch item {
                case .scalar, .literal: "\(pad)- \(item.inline)\n"
                default: item.isEmpty ? "\(pad)- \(item.inline)\n" : "\(pad)-\n" + item.rendered(indent: indent + 2)
                }
            }.joined()
        case .map(let members):
            return members.map { key, value in
                switch value {
                case .scalar, .literal: "\(pad)\(Self.key(key)): \(value.inline)\n"
                default: value.isEmpty ? "\(pad)\(Self.key(key)): \(value.inline)\n"
                    : "\(pad)\(Self.key(key)):\n" + value.rendered(indent: indent + 2)
                }
            }.joined()
        }
    }

    private var inline: String {
        switch self {
        case .scalar(let text): Self.quoted(text, interpolated: true)
        case .literal(let text): text
        case .list(let items): items.isEmpty ? "[]" : "[" + items.map(\.inline).joined(separator: ", ") + "]"
        case .map(let members): members.isEmpty ? "{}" : "{" + members.map { "\(Self.key($0.0)): \($0.1.inline)" }.joined(separator: ", ") + "}"
        }
    }

    /// Plain keys stay plain; anything else is quoted (keys are not interpolated).
    static func key(_ text: String) -> String {
        let plain = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "_-./".contains($0) }
            && !(text.first?.isNumber ?? false)
        return plain ? text : quoted(text, interpolated: false)
    }

    /// A YAML double-quoted scalar: JSON's escapes are YAML's too. `$` is doubled where Compose interpolates.
    static func quoted(_ text: String, interpolated: Bool) -> String {
        var out = ""
        JSONValue.writeString(text, to: &out)
        return interpolated ? out.replacingEvery("$", with: "$$") : out
    }
}

