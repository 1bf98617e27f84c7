/// A `$NAME`, `${NAME}`, `${NAME:-default}` or `${NAME-default}` in a compose value, with where its default is.
struct VariableReference: Equatable {
    var name: String
    /// The default's characters, when the reference has one.
    var defaultRange: Range<String.Index>?

    /// Every reference in `text`, in order; `$$` (a literal dollar) is skipped.
    static func all(in text: String) -> [VariableReference] {
        var result: [VariableReference] = []
        var index = text.startIndex
        while let dollar = text[index...].firstIndex(of: "$") {
            var next = text.index(after: dollar)
            guard next < text.endIndex else { break }
            if text[next] == "$" {
                index = text.index(after: next)
                continue
            }
            if text[next] == "{" {
                next = text.index(after: next)
                guard let close = text[next...].firstIndex(of: "}") else { break }
                let body = text[next..<close]
                let name = body.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                var reference = VariableReference(name: String(name))
                let rest = body[name.endIndex...]
                for operator_ in [":-", "-"] where rest.hasPrefix(operator_) {
                    reference.defaultRange = rest.index(rest.startIndex, offsetBy: operator_.count)..<close
                    break
                }
                if !name.isEmpty { result.append(reference) }
                index = text.index(after: close)
            } else {
                let name = text[next...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                if !name.isEmpty { result.append(VariableReference(name: String(name))) }
                index = name.isEmpty ? next : name.endIndex
            }
        }
        return result
    }
}
