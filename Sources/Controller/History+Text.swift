import FoundationEssentials
import Store

/// `reconcile history`: one line per revision, newest first.
public struct HistoryList: Sendable, Codable, TextRenderable {
    public var revisions: [RevisionRecord]

    public func renderText() -> String {
        guard !revisions.isEmpty else { return "no revisions recorded\n" }
        return revisions.map { r in
            let changes = r.actions.filter { $0.kind != "keep" }
            let what = changes.map { "\($0.kind) \($0.service)" }.joined(separator: ", ")
            return "\(r.id)  \(Self.time(r.finishedAt))  \(r.host)/\(r.stack)  \(r.outcome.rawValue)  "
                + "\(r.trigger.rawValue)\(r.commit.map { "  " + $0.prefix(10) } ?? "")  \(what)\n"
        }.joined()
    }

    static func time(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
            .timeSeparator(.colon))
    }
}

/// `reconcile history show REV`: the full record.
extension RevisionRecord: TextRenderable {
    public func renderText() -> String {
        var out = "revision \(id): \(revision.host)/\(revision.stack) \(revision.outcome.rawValue)\n"
        out += "  trigger:  \(revision.trigger.rawValue)\(revision.triggers.count > 1 ? " (+\(revision.triggers.count - 1) coalesced)" : "")\n"
        if let commit = revision.commit { out += "  commit:   \(commit)\n" }
        out += "  started:  \(HistoryList.time(revision.startedAt))\n  finished: \(HistoryList.time(revision.finishedAt))\n"
        if let error = revision.error { out += "  error:    \(error)\n" }
        if !revision.digests.isEmpty {
            out += "  images:\n" + revision.digests.sorted { $0.key < $1.key }.map { "    \($0.key): \($0.value)\n" }.joined()
        }
        out += "  actions:\n"
        for a in revision.actions {
            out += "    \(a.kind) \(a.service)\(a.outcome.map { " [\(ActionReport.Outcome($0).rawValue)]" } ?? "")"
            out += a.reasons.isEmpty ? "\n" : ": \(a.reasons.joined(separator: "; "))\n"
            if let e = a.error { out += "      error: \(e)\n" }
        }
        if !revision.healthLog.isEmpty { out += "  health log:\n" + revision.healthLog.map { "    \($0)\n" }.joined() }
        out += "  spec (secrets redacted):\n" + revision.spec.split(separator: "\n").map { "    \($0)\n" }.joined()
        return out
    }
}
