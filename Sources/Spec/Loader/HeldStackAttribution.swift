import Basics

/// Decides whether a checkout with errors can still be applied for its other stacks (design invariants 3 and 5).
///
/// Every error must belong to a stack: reported while that stack's folder was being loaded, named by a check
/// across stacks, or located inside `stacks/<name>/`. Any other error (a host file, `reconcile.yaml`, a stack
/// folder with an invalid name) makes the whole checkout unusable, as does a stack that dropped out without an
/// error of its own: a stack missing from the repository would otherwise look departed and be removed.
struct HeldStackAttribution {
    /// Every stack folder the loader knew by name.
    let knownStacks: Set<String>
    /// Stacks that loaded and passed every check.
    let validStacks: Set<String>

    /// The error diagnostics of each held stack, or nil when some error belongs to no known stack.
    func heldStacks(_ diagnostics: [Diagnostic], attributed: [Diagnostic: Set<String>]) -> [String: [Diagnostic]]? {
        var held: [String: [Diagnostic]] = [:]
        for diagnostic in diagnostics where diagnostic.severity == .error {
            let owners = (attributed[diagnostic] ?? []).union(folderStack(of: diagnostic.location.file).map { [$0] } ?? [])
                .intersection(knownStacks)
            guard !owners.isEmpty else { return nil }
            for owner in owners { held[owner, default: []].append(diagnostic) }
        }
        // A stack that loaded without being valid yet has no error of its own cannot be told from a deleted one.
        guard knownStacks.subtracting(validStacks).isSubset(of: held.keys) else { return nil }
        return held
    }

    /// `web` for `stacks/web` and anything under `stacks/web/`.
    func folderStack(of file: String) -> String? {
        let parts = file.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "stacks", !parts[1].isEmpty else { return nil }
        return String(parts[1])
    }
}
