import Basics

/// One node of a parsed YAML document with its position; aliases and merge keys are already resolved.
public struct YAMLNode: Sendable, Hashable {
    /// What the node holds.
    public enum Content: Sendable, Hashable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    public var mark: SourceLocation
    /// Explicit tag as written after expansion (e.g. `tag:yaml.org,2002:str`), nil when implicit.
    public var tag: String?

    public init(content: Content, mark: SourceLocation, tag: String? = nil) {
        self.content = content
        self.mark = mark
        self.tag = tag
    }

    /// The scalar, if this is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    /// The items, if this is a sequence.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The ordered pairs, if this is a mapping.
    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// A plain scalar that YAML 1.2 core schema reads as null (`~`, `null`, empty) and carries no tag.
    public var isNull: Bool {
        guard let s = scalar, s.style == .plain, tag == nil else { return false }
        return YAMLScalar.nullSpellings.contains(s.value)
    }

    /// The value for a scalar key in a mapping (first match).
    public subscript(key: String) -> YAMLNode? {
        pair(forKey: key)?.value
    }

    /// The pair for a scalar key, so callers can point at the key's own position.
    public func pair(forKey key: String) -> YAMLPair? {
        mapping?.first { $0.key.scalar?.value == key }
    }

    /// A short description of the node's kind for error messages ("a mapping", "a list", "a string").
    public var kindDescription: String {
        switch content {
        case .scalar: return isNull ? "null" : "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

/// A scalar's text and how it was written: plain scalars get type resolution, quoted ones stay strings.
public struct YAMLScalar: Sendable, Hashable {
    /// How the scalar appeared in the source.
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var value: String
    public var style: Style

    public init(_ value: String, style: Style = .plain) {
        self.value = value
        self.style = style
    }

    static let nullSpellings: Set<String> = ["", "~", "null", "Null", "NULL"]
}

/// One key/value entry of a mapping, in file order.
public struct YAMLPair: Sendable, Hashable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
