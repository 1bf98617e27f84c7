/// Splits a command string into words like a POSIX shell (quotes and backslashes), as compose does for
/// `command:` and `entrypoint:` strings. No expansion happens.
public enum ShellWords {
    /// Why a string could not be split.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func split(_ text: String) throws(Failure) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = Array(text).makeIterator()
        while let c = iterator.next() {
            switch c {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "'":
                inWord = true
                var closed = false
                while let q = iterator.next() {
                    if q == "'" { closed = true; break }
                    current.append(q)
                }
                if !closed { throw Failure(message: "unterminated single quote in `\(text)`") }
            case "\"":
                inWord = true
                var closed = false
                while let q = iterator.next() {
                    if q == "\"" { closed = true; break }
                    if q == "\\", let escaped = iterator.next() {
                        if !["\"", "\\", "$", "`", "\n"].contains(escaped) { current.append("\\") }
                        current.append(escaped)
                        continue
                    }
                    current.append(q)
                }
                if !closed { throw Failure(message: "unterminated double quote in `\(text)`") }
            case "\\":
                inWord = true
                guard let escaped = iterator.next() else {
                    throw Failure(message: "trailing backslash in `\(text)`")
                }
                current.append(escaped)
            default:
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
