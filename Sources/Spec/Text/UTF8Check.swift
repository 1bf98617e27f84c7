/// Where a file stops being UTF-8 (or holds a NUL byte), so it is refused with a position instead of
/// having its bytes silently replaced.
public enum UTF8Check {
    /// Line and column (1-based, in bytes) of the first invalid sequence or NUL byte; nil when the bytes are clean.
    public static func firstProblem(in bytes: some Collection<UInt8>) -> (line: Int, column: Int, what: String)? {
        var line = 1, column = 1
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value == 0 { return (line, column, "a NUL byte") }
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return nil
            case .error:
                return (line, column, "bytes that are not UTF-8")
            }
        }
    }
}
