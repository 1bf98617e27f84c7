import Basics

extension CanonicalTreeNode {
    struct Encoder: Swift.Encoder {
        let node: CanonicalTreeNode
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            node.makeObject()
            return KeyedEncodingContainer(Keyed(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            node.makeArray()
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: CanonicalTreeNode
        let codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) { node.member(key.stringValue).content = .leaf(.null) }

        mutating func encode(_ value: some Encodable, forKey key: Key) throws {
            let single = Single(node: node.member(key.stringValue), codingPath: codingPath + [key])
            try single.encodeAny(value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                             forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            Encoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Encoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Swift.Encoder { Encoder(node: node.member("super"), codingPath: codingPath) }

        mutating func superEncoder(forKey key: Key) -> any Swift.Encoder {
            Encoder(node: node.member(key.stringValue), codingPath: codingPath + [key])
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: CanonicalTreeNode
        let codingPath: [any CodingKey]
        var count: Int {
            if case .array(let items) = node.content { return items.count }
            return 0
        }

        mutating func encodeNil() { node.appended().content = .leaf(.null) }

        mutating func encode(_ value: some Encodable) throws {
            try Single(node: node.appended(), codingPath: codingPath).encodeAny(value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            Encoder(node: node.appended(), codingPath: codingPath).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            Encoder(node: node.appended(), codingPath: codingPath).unkeyedContainer()
        }

        mutating func superEncoder() -> any Swift.Encoder { Encoder(node: node.appended(), codingPath: codingPath) }
    }

    struct Single: SingleValueEncodingContainer {
        let node: CanonicalTreeNode
        let codingPath: [any CodingKey]

        func set(_ value: JSONValue) { node.content = .leaf(value) }

        /// Strings (most of a config) skip the generic `encode(to:)` detour.
        func encodeAny(_ value: some Encodable) throws {
            if let text = value as? String { return set(.string(text)) }
            try value.encode(to: Encoder(node: node, codingPath: codingPath))
        }

        mutating func encodeNil() { set(.null) }
        mutating func encode(_ value: Bool) { set(.bool(value)) }
        mutating func encode(_ value: String) { set(.string(value)) }
        mutating func encode(_ value: Double) throws { set(try CanonicalTreeNode.number(value, codingPath: codingPath)) }
        mutating func encode(_ value: Float) throws { set(try CanonicalTreeNode.number(value, codingPath: codingPath)) }
        mutating func encode(_ value: Int) { set(CanonicalTreeNode.integer(value)) }
        mutating func encode(_ value: Int8) { set(CanonicalTreeNode.integer(value)) }
        mutating func encode(_ value: Int16) { set(CanonicalTreeNode.integer(value)) }
        mutating func encode(_ value: Int32) { set(CanonicalTreeNode.integer(value)) }
        mutating func encode(_ value: Int64) { set(CanonicalTreeNode.integer(value)) }
        mutating func encode(_ value: UInt) { set(CanonicalTreeNode.integer(value)) }
        mutating func encode(_ value: UInt8) { set(CanonicalTreeNode.integer(value)) }
        mutating func encode(_ value: UInt16) { set(CanonicalTreeNode.integer(value)) }
        mutating func encode(_ value: UInt32) { set(CanonicalTreeNode.integer(value)) }
        mutating func encode(_ value: UInt64) { set(CanonicalTreeNode.integer(value)) }
        mutating func encode(_ value: some Encodable) throws { try encodeAny(value) }
    }
}
