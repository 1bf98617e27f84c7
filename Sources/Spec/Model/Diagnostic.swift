import Basics

/// One problem found while loading the repository, rendered like a compiler message.
public struct Diagnostic: Sendable, Codable, Hashable, CustomStringConvertible {
    /// How bad a diagnostic is; only errors block a stack.
    public enum Severity: String, Sendable, Codable, Hashable {
        case error, warning, note
    }

    public var location: SourceLocation
    public var message: String
    public var severity: Severity
    /// The text of the offending line (without newline), when the file could be read.
    public var sourceLine: String?

    public init(location: SourceLocation, message: String, severity: Severity = .error, sourceLine: String? = nil) {
        self.location = location
        self.message = message
        self.severity = severity
        self.sourceLine = sourceLine
    }

    /// `file:line:col: error: message` — the one-line form for logs.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }

    /// The compiler-style block: header, the source line, and a caret under the column.
    public var rendered: String {
        guard let sourceLine else { return description }
        let prefix = sourceLine.prefix(max(0, location.column - 1))
        let padding = String(prefix.map { $0 == "\t" ? "\t" : " " })
        return "\(description)\n\(sourceLine)\n\(padding)^"
    }

    /// Renders with the line taken from `sourceLines` (the file's lines, 0-based array, 1-based `line`).
    public func render(sourceLines: [Substring]) -> String {
        var copy = self
        if copy.sourceLine == nil, location.line >= 1, location.line <= sourceLines.count {
            copy.sourceLine = String(sourceLines[location.line - 1])
        }
        return copy.rendered
    }
}
