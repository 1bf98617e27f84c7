import Basics

/// A YAML problem with its position, printed like a compiler error.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public init(at mark: SourceLocation, _ message: String) {
        self.init(file: mark.file, line: mark.line, column: mark.column, message: message)
    }

    public var mark: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}
