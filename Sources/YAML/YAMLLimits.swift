/// Caps that keep hostile input (alias bombs, deep nesting, huge files) from exhausting memory or stack.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest accepted input in bytes.
    public var maxBytes: Int
    /// Deepest accepted nesting of sequences and mappings.
    public var maxDepth: Int
    /// Most nodes the document may have once every alias is expanded.
    public var maxExpandedNodes: Int
    /// Most scalar bytes the document may hold once every alias is expanded (a few nodes can be large).
    public var maxExpandedBytes: Int

    public init(maxBytes: Int = 1 << 20, maxDepth: Int = 64, maxExpandedNodes: Int = 100_000,
                maxExpandedBytes: Int = 8 << 20) {
        self.maxExpandedBytes = maxExpandedBytes
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
    }

    public static let `default` = YAMLLimits()
}
