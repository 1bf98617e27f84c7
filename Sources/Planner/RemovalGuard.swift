/// Refuses to remove stacks in bulk without `--allow-mass-removal`.
///
/// A checkout with an empty or half-copied `stacks/`, or a wrong `--repo`, looks exactly like a repository whose
/// owner retired every stack. The cost of asking is one flag; the cost of guessing wrong is a homelab taken
/// down. So a pass that would take away every stack this repository runs on a host (unless every one of them
/// merely moved to another host of the repository), or more than `threshold` stacks of one host at once,
/// removes nothing there and says why. The daemon never sets the flag: it reports and waits for a person.
public enum RemovalGuard {
    /// More departing stacks than this on one host in one pass need the flag.
    public static let threshold = 3

    /// Why the removals should be refused, or nil when they may go ahead.
    /// - Parameters:
    ///   - departing: stacks of this repository that would be removed from the host.
    ///   - running: every stack of this repository that has containers on the host now.
    ///   - declared: every stack the repository declares (a departing one among them moved, it was not deleted).
    public static func refusal(host: String, departing: [String], running: Set<String>, declared: Set<String>) -> String? {
        guard !departing.isEmpty else { return nil }
        let deleted = departing.filter { !declared.contains($0) }
        let all = Set(departing) == running
        if departing.count > threshold {
            return "this pass would remove \(departing.count) stacks from \(host) at once (more than \(threshold)); "
                + "nothing was removed there. If that is intended, run `reconcile apply --allow-mass-removal`"
        }
        if all, !deleted.isEmpty {
            let names = departing.sorted().joined(separator: ", ")
            return "this pass would remove every stack this repository runs on \(host) (\(names)); nothing was "
                + "removed there. Check --repo and stacks/; if that is intended, run `reconcile apply --allow-mass-removal`"
        }
        return nil
    }

    /// The departed stack's removals turned into refusals with the reason.
    static func refuse(_ plan: StackPlan, because reason: String) -> StackPlan {
        var plan = plan
        plan.actions = plan.actions.map { action in
            guard action.kind == .remove else { return action }
            var refused = action
            refused.kind = .blocked
            refused.reasons.append("not removed: " + reason)
            return refused
        }
        return plan
    }
}
