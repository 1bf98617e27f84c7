import Controller
import FoundationEssentials

extension NotificationEvent {
    /// The events a pass produces: one per stack that was applied, failed or rolled back, one per host that could
    /// not be worked on, and one `invalid` when the pass refused to load the repository. Plans and quiet passes give none.
    public static func events(from report: PassReport) -> [NotificationEvent] {
        guard report.mode == .apply else { return [] }
        let time = report.finishedAt
        if !report.diagnostics.isEmpty {
            return [NotificationEvent(event: .invalid, commit: report.commit, diagnostics: report.diagnostics, time: time)]
        }
        var events: [NotificationEvent] = []
        for host in report.hosts {
            if let error = host.error {
                let text = host.reachable ? error : "unreachable: \(error)"
                events.append(NotificationEvent(event: .failed, host: host.host, commit: report.commit, error: text, time: time))
                continue
            }
            for stack in host.stacks {
                guard let kind = kind(of: stack) else { continue }
                let changes = stack.actions.filter { $0.kind != "keep" || $0.error != nil }.map {
                    Change(kind: $0.kind, service: $0.service, reasons: $0.reasons, outcome: $0.outcome, error: $0.error)
                }
                events.append(NotificationEvent(event: kind, host: host.host, stack: stack.stack, commit: report.commit,
                                                revision: stack.revision, changes: changes, error: stack.error, time: time))
            }
        }
        return events
    }

    /// `applied` only when something changed: an in-sync stack is not news.
    static func kind(of stack: StackReport) -> Kind? {
        switch stack.outcome {
        case .applied: return stack.hasChanges ? .applied : nil
        case .failed: return .failed
        case .rolledBack: return .rolledBack
        // A held stack is news once per commit, through the invalid-commit notification, not on every pass.
        case .inSync, .planned, .blocked, .pending, .held: return nil
        }
    }
}
