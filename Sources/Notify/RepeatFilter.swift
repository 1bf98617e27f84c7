import Controller
import Synchronization

/// Remembers the last failure told for each host and stack, so a stack that fails the same way on every timer
/// pass notifies once, and again only when the failure changes or after the stack was seen healthy.
final class RepeatFilter: Sendable {
    private let told = Mutex<[String: String]>([:])

    /// Forgets what the report shows healthy, then drops events already told in the same words.
    func fresh(_ events: [NotificationEvent], after report: PassReport? = nil) -> [NotificationEvent] {
        told.withLock { told in
            if let report { Self.forgetHealthy(report, in: &told) }
            return events.filter { event in
                let key = Self.key(event)
                guard event.event != .applied else {
                    told[key] = nil
                    return true
                }
                let signature = Self.signature(event)
                if told[key] == signature { return false }
                told[key] = signature
                return true
            }
        }
    }

    private static func forgetHealthy(_ report: PassReport, in told: inout [String: String]) {
        guard report.mode == .apply else { return }
        guard report.diagnostics.isEmpty else { return }
        told[invalidKey] = nil
        for host in report.hosts where host.error == nil {
            told["\(host.host)/"] = nil
            for stack in host.stacks where stack.outcome == .inSync || stack.outcome == .applied {
                told["\(host.host)/\(stack.stack)"] = nil
            }
        }
    }

    private static let invalidKey = "invalid commit"

    private static func key(_ event: NotificationEvent) -> String {
        event.event == .invalid ? invalidKey : "\(event.host ?? "")/\(event.stack ?? "")"
    }

    /// What makes two failures "the same": kind, error, changes and load errors; not the time or revision.
    private static func signature(_ event: NotificationEvent) -> String {
        var parts = [event.event.rawValue, event.error ?? ""]
        parts += event.changes.map { "\($0.kind) \($0.service) \($0.reasons) \($0.outcome?.rawValue ?? "") \($0.error ?? "")" }
        parts += event.diagnostics
        if event.event == .invalid { parts.append(event.commit ?? "") }
        return parts.joined(separator: "\n")
    }
}
