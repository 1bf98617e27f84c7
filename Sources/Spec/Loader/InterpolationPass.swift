import YAML

/// Applies compose interpolation to every string value (never to keys) of a parsed compose file.
struct InterpolationPass {
    let interpolator: Interpolator
    let sink: DiagnosticSink

    func apply(_ node: YAMLNode) -> YAMLNode {
        var node = node
        switch node.content {
        case .scalar(let scalar):
            guard node.resolved?.isString == true, scalar.value.contains("$") else { return node }
            do {
                let (value, unset) = try interpolator.expand(scalar.value)
                for name in Set(unset).sorted() {
                    sink.warning(node.mark, "variable `\(name)` is not set; using an empty string")
                }
                node.content = .scalar(YAMLScalar(value, style: scalar.style))
                node.tag = "tag:yaml.org,2002:str"
            } catch {
                sink.error(node.mark, error.message)
            }
        case .sequence(let items):
            node.content = .sequence(items.map(apply))
        case .mapping(let pairs):
            node.content = .mapping(pairs.map { pair in
                if let key = pair.key.scalar?.value, key.hasPrefix("x-"), key != "x-reconcile" { return pair }
                return YAMLPair(key: pair.key, value: apply(pair.value))
            })
        }
        return node
    }
}
