import Basics
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
                    let offset = Self.offset(ofVariable: name, in: scalar.value)
                    sink.warning(Self.mark(node, scalar, offset: offset), "variable `\(name)` is not set; using an empty string")
                }
                for name in expansion.substituted {
                    if let value = interpolator.variables[name], !value.isEmpty { substitutedValues.insert(value) }
                }
                node.content = .scalar(YAMLScalar(expansion.value, style: scalar.style))
                node.tag = "tag:yaml.org,2002:str"
            } catch {
                sink.error(Self.mark(node, scalar, offset: error.offset), error.message)
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

    /// The position of the character at `offset` in a one-line scalar, so the caret points at the variable, not at
    /// the start of the value; the value's own position when the text up to there cannot be mapped column for column.
    static func mark(_ node: YAMLNode, _ scalar: YAMLScalar, offset: Int?) -> SourceLocation {
        guard let offset else { return node.mark }
        let before = scalar.value.prefix(offset)
        switch scalar.style {
        case .plain where !before.contains("\n"):
            return SourceLocation(file: node.mark.file, line: node.mark.line, column: node.mark.column + offset)
        case .doubleQuoted where !before.contains("\n") && !before.contains("\\") && !before.contains("\""),
             .singleQuoted where !before.contains("\n") && !before.contains("'"):
            return SourceLocation(file: node.mark.file, line: node.mark.line, column: node.mark.column + 1 + offset)
        default:
            return node.mark
        }
    }

    /// Where `$NAME` or `${NAME` first appears (not after a `$$` escape), for the warning's caret.
    static func offset(ofVariable name: String, in text: String) -> Int? {
        let chars = Array(text)
        var index = 0
        while index < chars.count {
            guard chars[index] == "$" else { index += 1; continue }
            if index + 1 < chars.count, chars[index + 1] == "$" { index += 2; continue }
            let rest = String(chars[(index + 1)...])
            let braced = rest.hasPrefix("{") ? String(rest.dropFirst()) : rest
            let endsThere = !(braced.dropFirst(name.count).first.map(Self.isNameChar) ?? false)
            if braced.hasPrefix(name), endsThere { return index }
            index += 1
        }
        return nil
    }

    private static func isNameChar(_ c: Character) -> Bool { c == "_" || (c.isASCII && (c.isLetter || c.isNumber)) }
}
