/// Compose-style `${VAR}` interpolation: `$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?msg}`, `${VAR?msg}`,
/// `${VAR:+a}`, `${VAR+a}`, nested templates in the word, `$$` for a literal dollar. Like Compose, a `$` that
/// cannot start a template (`$2a$14$…` in a bcrypt hash, `$ `, a trailing `$`) is a literal dollar.
public struct Interpolator: Sendable {
    /// Why a template could not be expanded; `message` is shown to the user at the value's position.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        /// Character offset of the `$` that starts the failing template, so a caret can point at it.
        public var offset: Int?
        public var description: String { message }

        public init(message: String, offset: Int? = nil) {
            self.message = message
            self.offset = offset
        }
    }

    /// Variables visible to templates (the stack's `.env` overlaid by the process environment).
    public var variables: [String: String]

    /// How deep `${a:-${b:-…}}` may nest: far beyond any real file, low enough that hostile input cannot exhaust the stack.
    public static let maxNesting = 32

    public init(variables: [String: String]) {
        self.variables = variables
    }

    /// Names referenced but unset while expanding, so callers can warn like compose does.
    public func expand(_ text: String) throws(Failure) -> (value: String, unset: [String]) {
        let expansion = try expansion(of: text)
        return (expansion.value, expansion.unset)
    }

    /// The expanded text, the names referenced but unset, and the names whose values were substituted
    /// (those values are treated as secrets wherever they land in history).
    public func expansion(of text: String) throws(Failure) -> (value: String, unset: [String], substituted: [String]) {
        guard text.contains("$") else { return (text, [], []) }
        var scanner = Scanner(chars: Array(text), variables: variables)
        let value = try scanner.expand(until: nil)
        return (value, scanner.unset, scanner.substituted)
    }

    /// A cursor over one template; `until` stops at a closing brace for nested words.
    private struct Scanner {
        let chars: [Character]
        let variables: [String: String]
        var index = 0
        var unset: [String] = []
        var substituted: [String] = []
        var depth = 0

        init(chars: [Character], variables: [String: String]) {
            self.chars = chars
            self.variables = variables
        }

        mutating func expand(until terminator: Character?) throws(Failure) -> String {
            var out = ""
            while index < chars.count {
                let c = chars[index]
                if let terminator, c == terminator { return out }
                if c != "$" {
                    out.append(c)
                    index += 1
                    continue
                }
                let start = index
                index += 1
                let next = index < chars.count ? chars[index] : nil
                if next == "$" {
                    out.append("$")
                    index += 1
                } else if next == "{" {
                    index += 1
                    do { out += try braced() } catch { throw error.at(start) }
                } else if let next, isNameStart(next) {
                    let name = readName()
                    out += lookup(name) ?? ""
                } else {
                    out.append("$")
                }
            }
            if let terminator {
                throw Failure(message: "invalid interpolation: missing `\(terminator)`")
            }
            return out
        }

        private mutating func braced() throws(Failure) -> String {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Interpolator.maxNesting else {
                throw Failure(message: "invalid interpolation: `${…}` nested more than \(Interpolator.maxNesting) levels deep")
            }
            let name = readName()
            guard !name.isEmpty else {
                throw Failure(message: "invalid interpolation: `${` must be followed by a variable name")
            }
            guard index < chars.count else {
                throw Failure(message: "invalid interpolation: `${\(name)` is missing its closing `}`")
            }
            let value = variables[name]
            if value != nil { substituted.append(name) }
            var op = String(chars[index])
            if op == "}" {
                index += 1
                return lookup(name) ?? ""
            }
            if op == ":" {
                index += 1
                guard index < chars.count else { throw Failure(message: "invalid interpolation in `${\(name):`") }
                op += String(chars[index])
            }
            index += 1
            guard ["-", ":-", "?", ":?", "+", ":+"].contains(op) else {
                throw Failure(message: "invalid interpolation: `${\(name)\(op)…}`; expected `:-`, `-`, `:?`, `?`, `:+` or `+`")
            }
            let word = try expand(until: "}")
            index += 1
            let colon = op.hasPrefix(":")
            let present = colon ? !(value ?? "").isEmpty : value != nil
            switch op.last {
            case "-":
                return present ? (value ?? "") : word
            case "?":
                if present { return value ?? "" }
                let detail = word.isEmpty ? "required variable \(name) is missing a value" : "required variable \(name) is missing a value: \(word)"
                throw Failure(message: detail)
            default:
                return present ? word : ""
            }
        }

        private mutating func readName() -> String {
            var name = ""
            while index < chars.count, isNameChar(chars[index]), name.isEmpty ? isNameStart(chars[index]) : true {
                name.append(chars[index])
                index += 1
            }
            return name
        }

        private mutating func lookup(_ name: String) -> String? {
            if let value = variables[name] {
                substituted.append(name)
                return value
            }
            unset.append(name)
            return nil
        }

        private func isNameStart(_ c: Character) -> Bool { c == "_" || (c.isASCII && c.isLetter) }
        private func isNameChar(_ c: Character) -> Bool { c == "_" || (c.isASCII && (c.isLetter || c.isNumber)) }
    }
}

extension Interpolator.Failure {
    /// The failure pointed at the template starting at `offset`, unless an inner template already claimed it.
    func at(_ offset: Int) -> Interpolator.Failure {
        self.offset == nil ? Interpolator.Failure(message: message, offset: offset) : self
    }
}
