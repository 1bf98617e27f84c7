/// A position in a repository file (1-based), as `file:line:col`: where a YAML node starts (the parser keeps one on
/// every node) and where a diagnostic points. One type for both, so the loader's layers pass positions through as
/// they are.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Path relative to the repository root, e.g. `stacks/web/compose.yaml` (callers give the parser that path).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A location for a whole file when no finer position is known.
    public static func file(_ path: String) -> SourceLocation {
        SourceLocation(file: path, line: 1, column: 1)
    }

    /// `file:line:col`, the form editors and terminals turn into links.
    public var description: String { "\(file):\(line):\(column)" }
}
