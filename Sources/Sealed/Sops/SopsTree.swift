/// A SOPS document's data as an ordered tree (metadata removed): what the MAC walks, and what decryption fills.
indirect enum SopsTree: Sendable, Hashable {
    case map([SopsEntry])
    case list([SopsTree])
    case scalar(SopsScalar)
}

/// One key of a mapping, in file order.
struct SopsEntry: Sendable, Hashable {
    var key: String
    var value: SopsTree
}

/// A leaf value with the type it has in the document (or, once decrypted, the type `ENC[…]` names).
enum SopsScalar: Sendable, Hashable {
    case string(String)
    /// Numbers keep their text: the MAC covers Go's formatting of them.
    case int(String)
    case float(String)
    case bool(Bool)
    case null

    /// The bytes SOPS feeds the MAC for an unencrypted value (Go's `ToBytes`).
    var macBytes: [UInt8] {
        switch self {
        case .string(let text), .int(let text), .float(let text): return Array(text.utf8)
        case .bool(let value): return Array((value ? "True" : "False").utf8)
        case .null: return []
        }
    }

    /// A decrypted value of SOPS `type`.
    static func decrypted(_ bytes: [UInt8], type: String) -> SopsScalar {
        let text = String(decoding: bytes, as: UTF8.self)
        switch type {
        case "int": return .int(text)
        case "float": return .float(text)
        case "bool": return .bool(text == "True" || text == "true")
        default: return .string(text)
        }
    }

    /// The value as text (what an environment variable or a file gets).
    var text: String {
        switch self {
        case .string(let text), .int(let text), .float(let text): return text
        case .bool(let value): return value ? "true" : "false"
        case .null: return ""
        }
    }
}
