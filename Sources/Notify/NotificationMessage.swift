import Controller

/// The human text of an event: a short title for the phone's lock screen and a body with what changed and why.
public struct NotificationMessage: Sendable, Hashable {
    public var title: String
    public var body: String

    /// Longest body sent: ntfy turns bigger messages into attachments, and health logs can be long.
    public static let maxBodyCharacters = 3500

    public init(_ event: NotificationEvent) {
        title = Self.title(event)
        let body = Self.body(event)
        self.body = body.count > Self.maxBodyCharacters ? String(body.prefix(Self.maxBodyCharacters)) + "\n…(cut)" : body
    }

    static func title(_ event: NotificationEvent) -> String {
        let subject = [event.stack, event.host].compactMap { $0 }.joined(separator: " on ")
        switch event.event {
        case .applied: return "reconcile: \(subject) updated"
        case .failed: return "reconcile: \(subject.isEmpty ? "pass" : subject) failed"
        case .rolledBack: return "reconcile: \(subject) rolled back"
        case .update: return "reconcile: new version for \(subject)"
        case .invalid:
            let commit = shortCommit(event.commit) ?? "(unknown)"
            guard let held = event.heldStacks, !held.isEmpty else { return "reconcile: commit \(commit) refused" }
            return "reconcile: commit \(commit) holds \(held.joined(separator: ", "))"
        }
    }

    static func body(_ event: NotificationEvent) -> String {
        var lines: [String] = []
        var header = [event.stack, event.host].compactMap { $0 }.joined(separator: " on ")
        if event.event == .invalid {
            let errors = "\(event.diagnostics.count) error\(event.diagnostics.count == 1 ? "" : "s")"
            if let held = event.heldStacks, !held.isEmpty {
                header = "\(errors); nothing of \(held.joined(separator: ", ")) was applied, the other stacks were"
            } else {
                header = "\(errors); nothing was applied"
            }
        }
        var context: [String] = []
        if let revision = event.revision { context.append("revision \(revision)") }
        if let commit = shortCommit(event.commit) { context.append("commit \(commit)") }
        lines.append(context.isEmpty ? header : "\(header) (\(context.joined(separator: ", ")))")
        for change in event.changes {
            var line = "\(change.kind) \(change.service)"
            if !change.reasons.isEmpty { line += ": " + change.reasons.joined(separator: "; ") }
            if let outcome = change.outcome, outcome != .done { line += " [\(outcome.rawValue)]" }
            lines.append(line)
            if let error = change.error { lines.append("  error: \(error)") }
        }
        if let error = event.error { lines.append("error: \(error)") }
        lines += event.diagnostics
        return lines.joined(separator: "\n")
    }

    static func shortCommit(_ commit: String?) -> String? {
        commit.map { String($0.prefix(12)) }
    }
}
