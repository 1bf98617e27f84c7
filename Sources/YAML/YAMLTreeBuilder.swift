import Basics

/// Assembles libyaml events into nodes, resolving anchors, aliases and merge keys under `YAMLLimits`.
struct YAMLTreeBuilder {
    /// A sequence or mapping still being filled.
    private struct Frame {
        var isMapping: Bool
        var mark: SourceLocation
        var tag: String?
        var anchor: String?
        var items: [YAMLNode] = []
        var size = 1
        /// Scalar bytes below this collection, aliases expanded.
        var bytes = 0
    }

    private let file: String
    private let limits: YAMLLimits
    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, size: Int, bytes: Int)] = [:]
    private var expandedNodes = 0
    private var expandedBytes = 0
    private var documents = 0
    private(set) var root: YAMLNode?

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
    }

    mutating func startDocument(at mark: SourceLocation) throws(YAMLError) {
        documents += 1
        if documents > 1 {
            throw YAMLError(at: mark, "more than one YAML document in the file; put each stack or host in its own file")
        }
    }

    mutating func scalar(_ scalar: YAMLScalar, tag: String?, anchor: String?, at mark: SourceLocation) throws(YAMLError) {
        let node = YAMLNode(content: .scalar(scalar), mark: mark, tag: tag)
        try complete(node, size: 1, bytes: scalar.value.utf8.count, anchor: anchor)
    }

    mutating func startCollection(isMapping: Bool, tag: String?, anchor: String?, at mark: SourceLocation) throws(YAMLError) {
        if stack.count >= limits.maxDepth {
            throw YAMLError(at: mark, "nesting deeper than \(limits.maxDepth) levels; the file is refused as hostile")
        }
        stack.append(Frame(isMapping: isMapping, mark: mark, tag: tag, anchor: anchor))
    }

    mutating func endCollection() throws(YAMLError) {
        guard let frame = stack.popLast() else { return }
        let content: YAMLNode.Content
        if frame.isMapping {
            content = .mapping(try mergedPairs(frame.items))
        } else {
            content = .sequence(frame.items)
        }
        try complete(YAMLNode(content: content, mark: frame.mark, tag: frame.tag), size: frame.size, bytes: frame.bytes,
                     anchor: frame.anchor, counted: true)
    }

    mutating func alias(_ name: String, at mark: SourceLocation) throws(YAMLError) {
        guard let target = anchors[name] else {
            throw YAMLError(at: mark, "unknown anchor `*\(name)`; define it with `&\(name)` before using it")
        }
        try complete(target.node, size: target.size, bytes: target.bytes, anchor: nil, at: mark)
    }

    /// Adds a finished node to its parent (or makes it the root), counting expanded nodes against the cap.
    /// `mark` is where an alias was used, so a bomb is reported at the reference rather than the anchor.
    private mutating func complete(_ node: YAMLNode, size: Int, bytes: Int, anchor: String?, counted: Bool = false,
                                   at mark: SourceLocation? = nil) throws(YAMLError) {
        expandedNodes += counted ? 1 : size
        if expandedNodes > limits.maxExpandedNodes {
            throw YAMLError(at: mark ?? node.mark, "document expands to more than \(limits.maxExpandedNodes) nodes "
                                + "(alias bomb?); the file is refused as hostile")
        }
        // Few nodes can still be many bytes: one large scalar aliased again and again.
        expandedBytes += counted ? 0 : bytes
        if expandedBytes > limits.maxExpandedBytes {
            throw YAMLError(at: mark ?? node.mark, "document expands to more than \(limits.maxExpandedBytes) bytes of "
                                + "text (alias bomb?); the file is refused as hostile")
        }
        if let anchor {
            anchors[anchor] = (node, size, bytes)
        }
        guard !stack.isEmpty else {
            root = node
            return
        }
        stack[stack.count - 1].items.append(node)
        stack[stack.count - 1].size += size
        stack[stack.count - 1].bytes += bytes
    }

    /// Pairs up mapping items, rejects duplicate keys and applies `<<` merges (explicit keys win,
    /// earlier merge sources win over later ones).
    private func mergedPairs(_ items: [YAMLNode]) throws(YAMLError) -> [YAMLPair] {
        var explicit: [YAMLPair] = []
        var merges: [(index: Int, sources: [YAMLNode])] = []
        var seen: [String: SourceLocation] = [:]
        var index = 0
        while index + 1 < items.count {
            let key = items[index], value = items[index + 1]
            index += 2
            if let keyText = key.scalar?.value {
                if let first = seen[keyText] {
                    throw YAMLError(at: key.mark, "duplicate key `\(keyText)` (first defined at line \(first.line))")
                }
                seen[keyText] = key.mark
            }
            if isMergeKey(key) {
                merges.append((explicit.count, try mergeSources(value)))
            } else {
                explicit.append(YAMLPair(key: key, value: value))
            }
        }
        guard !merges.isEmpty else { return explicit }
        var taken = Set(explicit.compactMap { $0.key.scalar?.value })
        var result: [YAMLPair] = []
        var cursor = 0
        for merge in merges {
            result.append(contentsOf: explicit[cursor..<merge.index])
            cursor = merge.index
            for source in merge.sources {
                for pair in source.mapping ?? [] {
                    guard let keyText = pair.key.scalar?.value else { continue }
                    if taken.insert(keyText).inserted {
                        result.append(pair)
                    }
                }
            }
        }
        result.append(contentsOf: explicit[cursor...])
        return result
    }

    private func isMergeKey(_ key: YAMLNode) -> Bool {
        guard let scalar = key.scalar, scalar.value == "<<", scalar.style == .plain else { return false }
        return key.tag == nil || key.tag == "tag:yaml.org,2002:merge"
    }

    private func mergeSources(_ value: YAMLNode) throws(YAMLError) -> [YAMLNode] {
        switch value.content {
        case .mapping:
            return [value]
        case .sequence(let items):
            for item in items where item.mapping == nil {
                throw YAMLError(at: item.mark, "merge key `<<` list items must be mappings, found \(item.kindDescription)")
            }
            return items
        case .scalar:
            throw YAMLError(at: value.mark, "merge key `<<` needs a mapping or a list of mappings, found \(value.kindDescription)")
        }
    }
}
