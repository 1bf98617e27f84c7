/// The outcome of loading a checkout: the repository when every error belongs to a stack, plus every diagnostic.
///
/// The CLI's `validate` fails when `hasErrors`; the controller must not apply anything when `repository`
/// is nil. Stacks with errors are never partially present: they are the repository's `heldStacks`, and
/// `validStacks` lists the error-free stacks for status displays.
public struct LoadResult: Sendable {
    public var repository: Repository?
    public var diagnostics: [Diagnostic]
    /// Stacks that loaded without error even though the repository as a whole did not.
    public var validStacks: [StackSpec]

    public init(repository: Repository?, diagnostics: [Diagnostic], validStacks: [StackSpec] = []) {
        self.repository = repository
        self.diagnostics = diagnostics
        self.validStacks = validStacks
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// All diagnostics rendered compiler-style, one block each.
    public var renderedDiagnostics: String {
        diagnostics.map(\.rendered).joined(separator: "\n")
    }
}
