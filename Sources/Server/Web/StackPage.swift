import Controller
import FoundationEssentials
import Store

/// `GET /api/stack?host=H&stack=S`: one stack as the page shows it — its services, the plan if it drifted, and
/// its history with each revision's reasons, outcome, commit, trigger, probe output and field changes.
struct StackPage: Sendable, Encodable {
    struct Service: Sendable, Encodable {
        var service: String
        var container: String?
        /// The image ID (digest) the newest applied revision pinned.
        var image: String?
        /// When the revision that last changed it finished.
        var since: Date?
        /// The action of the last pass (`keep`, `recreate`, …) and what became of it.
        var lastAction: String
        var outcome: ActionReport.Outcome?
    }

    struct Revision: Sendable, Encodable {
        var id: Int64
        var outcome: RevisionOutcome
        var commit: String?
        var trigger: TriggerKind
        var triggers: [String]
        var startedAt: Date
        var finishedAt: Date
        var error: String?
        var actions: [ActionRecord]
        var healthLog: [String]
        var changes: [FieldChange]
    }

    var host: String
    var stack: String
    /// The state word of the overview (`in-sync`, `drifted`, `rolled-back`, …; `unknown` before a pass saw it).
    var state: StackCondition
    var error: String?
    var pendingUntil: Date?
    var windowReason: String?
    var services: [Service]
    /// The last pass's actions with their reasons, as `reconcile plan` prints them; empty when in sync.
    var plan: [ActionReport]
    var history: [Revision]

    static func build(host: String, stack: String, report: StackReport?, revisions: [RevisionRecord]) -> StackPage {
        let newestFirst = revisions.sorted { $0.id > $1.id }
        let history = newestFirst.enumerated().map { index, record in
            let previous = newestFirst[(index + 1)...].first { $0.revision.outcome == .applied }
            return Revision(id: record.id, outcome: record.revision.outcome, commit: record.revision.commit,
                            trigger: record.revision.trigger, triggers: record.revision.triggers,
                            startedAt: record.revision.startedAt, finishedAt: record.revision.finishedAt,
                            error: record.revision.error, actions: record.revision.actions,
                            healthLog: record.revision.healthLog,
                            changes: FieldDiff.changes(from: previous?.revision.spec, to: record.revision.spec))
        }
        let applied = newestFirst.first { $0.revision.outcome == .applied }
        var names = (report?.actions.map(\.service) ?? []) + (applied?.revision.digests.keys.sorted() ?? [])
        names = names.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        let services = names.map { name in
            let action = report?.actions.first { $0.service == name }
            let changed = newestFirst.first { $0.revision.actions.contains { $0.service == name && $0.kind != "keep" } }
            return Service(service: name, container: action?.container, image: applied?.revision.digests[name],
                           since: changed?.revision.finishedAt, lastAction: action?.kind ?? "keep", outcome: action?.outcome)
        }
        // Applied, rolled back or in sync: the history tells what happened; otherwise the actions are still to do.
        let settled: Set<StackReport.Outcome> = [.inSync, .applied, .rolledBack]
        let drifted = report.map { !settled.contains($0.outcome) && $0.hasChanges } ?? false
        return StackPage(host: host, stack: stack, state: report.map { StackCondition($0.outcome) } ?? .unknown,
                         error: report?.error, pendingUntil: report?.pendingUntil, windowReason: report?.windowReason,
                         services: services, plan: drifted ? (report?.actions.filter { $0.kind != "keep" } ?? []) : [],
                         history: history)
    }
}
