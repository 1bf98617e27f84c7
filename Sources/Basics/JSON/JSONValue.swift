import FoundationEssentials

/// A JSON document without a schema: for bodies read loosely (webhooks, Docker's `config.json`) and for
/// reshaping encoder output (pruning, comparing, rewriting).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    /// Integers above `Int64.max`.
    case unsigned(UInt64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The array or object in `data`; nil for invalid JSON and for a bare scalar, as `JSONSerialization`
    /// without `.fragmentsAllowed` answered. One difference: of duplicate keys (which RFC 8259 says to avoid)
    /// the first counts here, the last did there.
    public static func parse(_ data: Data) -> JSONValue? {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data) else { return nil }
        switch value {
        case .array, .object: return value
        default: return nil
        }
    }

    public subscript(key: String) -> JSONValue? { object?[key] }

    public var object: [String: JSONValue]? {
        if case let .object(members) = self { members } else { nil }
    }

    public var array: [JSONValue]? {
        if case let .array(elements) = self { elements } else { nil }
    }

    public var string: String? {
        if case let .string(text) = self { text } else { nil }
    }
}

extension JSONValue: Decodable {
    /// Numbers become the narrowest of `Int64`, `UInt64` and `Double` that holds them, as `JSONSerialization` chose.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(UInt64.self) {
            self = .unsigned(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
