import Basics
import YAML

/// Collects diagnostics during one load and fills in each one's source line for compiler-style rendering.
final class DiagnosticSink {
    private(set) var diagnostics: [Diagnostic] = []
    private var lines: [String: [Substring]] = [:]
    /// The stack folder being loaded; errors reported meanwhile are that stack's, wherever their file is.
    var loadingStack: String?
    /// Stacks each error belongs to, by the stack being loaded when it was reported or named by the check.
    private(set) var stacksByDiagnostic: [Diagnostic: Set<String>] = [:]

    /// Remembers a file's text so diagnostics in it can show the offending line.
    func register(file: String, text: String) {
        lines[file] = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func error(_ location: SourceLocation, _ message: String) {
        add(Diagnostic(location: location, message: message, severity: .error))
    }

    /// An error of a check across stacks (a port or name clash): each stack named is held.
    func error(_ location: SourceLocation, _ message: String, stacks: Set<String>) {
        let before = loadingStack
        defer { loadingStack = before }
        loadingStack = nil
        let diagnostic = add(Diagnostic(location: location, message: message, severity: .error))
        stacksByDiagnostic[diagnostic, default: []].formUnion(stacks)
    }

    func warning(_ location: SourceLocation, _ message: String) {
        add(Diagnostic(location: location, message: message, severity: .warning))
    }

    @discardableResult
    func add(_ diagnostic: Diagnostic) -> Diagnostic {
        var diagnostic = diagnostic
        if diagnostic.sourceLine == nil, let fileLines = lines[diagnostic.location.file],
           diagnostic.location.line >= 1, diagnostic.location.line <= fileLines.count {
            let line = fileLines[diagnostic.location.line - 1]
            diagnostic.sourceLine = String(line.last == "\r" ? line.dropLast() : line)
        }
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
        if let loadingStack, diagnostic.severity == .error { stacksByDiagnostic[diagnostic, default: []].insert(loadingStack) }
        return diagnostic
    }

    /// Number of errors so far; callers compare before/after to see whether a unit added any.
    var errorCount: Int { diagnostics.count { $0.severity == .error } }

    /// Diagnostics sorted by file, then position, so output is stable.
    var sorted: [Diagnostic] {
        diagnostics.sorted {
            ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column)
        }
    }
}
