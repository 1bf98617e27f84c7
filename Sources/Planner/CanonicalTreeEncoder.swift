import Basics

/// Encodes a `Codable` value straight into the `JSONValue` tree that `JSONEncoder` followed by a parse of its
/// output would give, without writing or reading JSON text. The config hash (scheme 2) is taken of that
/// tree on every pass for every service; the text round trip was a quarter of a no-op pass.
///
/// Same tree means: the keys `Codable` gives (nil optionals absent), integers as `.integer` (`.unsigned`
/// above `Int64.max`), a floating-point value as the number `JSONEncoder` prints (`2.0` prints `2`, so it is
/// an integer), and a non-finite one refused as `JSONEncoder` refuses it. `Tests/PlannerTests` compares the
/// two on every corpus service.
struct CanonicalTreeEncoder {
    static func encode(_ value: some Encodable) throws -> JSONValue {
        let root = CanonicalTreeNode()
        try value.encode(to: CanonicalTreeNode.Encoder(node: root, codingPath: []))
        return root.tree
    }
}

/// One value under construction: containers hand out child nodes and fill them in later.
final class CanonicalTreeNode {
    enum Content {
        case empty
        case leaf(JSONValue)
        case object([String: CanonicalTreeNode])
        case array([CanonicalTreeNode])
    }

    var content = Content.empty

    var tree: JSONValue {
        switch content {
        case .empty: return .object([:])
        case .leaf(let value): return value
        case .object(let members): return .object(members.mapValues(\.tree))
        case .array(let items): return .array(items.map(\.tree))
        }
    }

    /// The child stored under `key`, made an object member if this node is not an object yet.
    func member(_ key: String) -> CanonicalTreeNode {
        var members: [String: CanonicalTreeNode]
        if case .object(let existing) = content { members = existing } else { members = [:] }
        if let child = members[key] { return child }
        let child = CanonicalTreeNode()
        members[key] = child
        content = .object(members)
        return child
    }

    func appended() -> CanonicalTreeNode {
        var items: [CanonicalTreeNode]
        if case .array(let existing) = content { items = existing } else { items = [] }
        let child = CanonicalTreeNode()
        items.append(child)
        content = .array(items)
        return child
    }

    func makeObject() { if case .object = content {} else { content = .object([:]) } }
    func makeArray() { if case .array = content {} else { content = .array([]) } }

    /// A number as `JSONEncoder` writes a floating-point value and `JSONValue` reads it back.
    static func number(_ value: some BinaryFloatingPoint & LosslessStringConvertible, codingPath: [any CodingKey]) throws -> JSONValue {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "not a finite number"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            if let integer = Int64(text) { return .integer(integer) }
            if let unsigned = UInt64(text) { return .unsigned(unsigned) }
        }
        return Double(text).map(JSONValue.double) ?? .double(Double(value))
    }

    static func integer(_ value: some BinaryInteger) -> JSONValue {
        if let small = Int64(exactly: value) { return .integer(small) }
        return .unsigned(UInt64(value))
    }
}
