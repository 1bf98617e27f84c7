/// Where a node starts in its file (1-based), kept on every node so later layers can point at it.
public struct Mark: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The path as given to the parser (callers pass a repository-relative path).
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
