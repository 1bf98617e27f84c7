/// A position in a repository file, so every error and plan reason can point at the line that caused it.
public struct SourceLocation: Sendable, Codable, Hashable, CustomStringConvertible {
    /// Path relative to the repository root, e.g. `stacks/web/compose.yaml`.
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
