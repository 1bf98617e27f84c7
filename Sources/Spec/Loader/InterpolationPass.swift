import YAML

/// Applies compose interpolation to every string value (never to keys) of a parsed compose file.
struct InterpolationPass {
    let interpolator: Interpolator
    let sink: DiagnosticSink
    /// Every non-empty variable value substituted somewhere in the file: history must never show these.
    private(set) var substitutedValues: Set<String> = []

    init(interpolator: Interpolator, sink: DiagnosticSink) {
        self.interpolator = interpolator
        self.sink = sink
    }

    mutating func apply(_ node: YAMLNode) -> YAMLNode {
        var node = node
        switch node.content {
        case .scalar(let scalar):
            guard node.resolved?.isString == true, scalar.value.contains("$") else { return node }
            do {
                let expansion = try interpolator.expansion(of: scalar.value)
                for name in Set(expansion.unset).sorted() {
                    sink.warning(node.mark, "variable `\(name)` is not set; using an empty string")
                }
                for name in expansion.substituted {
                    if let value = interpolator.variables[name], !value.isEmpty { substitutedValues.insert(value) }
                }
                node.content = .scalar(YAMLScalar(expansion.value, style: scalar.style))
                node.tag = "tag:yaml.org,2002:str"
            } catch {
                sink.error(node.mark, error.message)
            }
        case .sequence(let items):
            var expanded: [YAMLNode] = []
            expanded.reserveCapacity(items.count)
            for item in items { expanded.append(apply(item)) }
            node.content = .sequence(expanded)
        case .mapping(let pairs):
            var expanded: [YAMLPair] = []
            expanded.reserveCapacity(pairs.count)
            for pair in pairs {
                if let key = pair.key.scalar?.value, key.hasPrefix("x-"), key != "x-reconcile" {
                    expanded.append(pair)
                } else {
                    expanded.append(YAMLPair(key: pair.key, value: apply(pair.value)))
                }
            }
            node.content = .mapping(expanded)
        }
        return node
    }
}
