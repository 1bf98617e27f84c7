import FoundationEssentials
import Spec

/// Turns a computed open span into the decision and the sentence people read in plan and status.
extension WindowEvaluator {
    func explain(_ span: (start: Double?, end: Double?), at now: Date) -> WindowDecision {
        let t = now.timeIntervalSince1970
        let nextOpen = span.start.map { Date(timeIntervalSince1970: $0) }
        let closesAt = span.end.map { Date(timeIntervalSince1970: $0) }
        let open = span.start == t
        var reason: String
        var decider: WindowSpec?
        if open {
            (reason, decider) = openReason(at: now, closesAt: closesAt)
        } else if let (deny, occurrence) = denyInForce(at: t) {
            decider = deny.spec
            let until = Date(timeIntervalSince1970: occurrence.end)
            reason = "\(deny.label) in force until \(TimeText.short(until, relativeTo: now, in: deny.clock))"
            if span.start != occurrence.end { reason += "; \(nextText(nextOpen))" }
        } else {
            let names = allows.prefix(3).map { $0.label }.joined(separator: ", ")
            reason = "outside every allow window (\(names)\(allows.count > 3 ? ", …" : "")); \(nextText(nextOpen))"
            decider = span.start.flatMap { start in allows.first { $0.occurrence(covering: start) != nil } }?.spec
        }
        let pending = open ? nil : nextOpen.map { "pending until \(TimeText.full($0, in: displayZone))" }
            ?? "pending: \(neverText)"
        return WindowDecision(open: open, reason: reason, nextOpen: nextOpen, closesAt: closesAt, window: decider,
                              timeZone: displayZone.name, pending: pending)
    }

    private func openReason(at now: Date, closesAt: Date?) -> (String, WindowSpec?) {
        let t = now.timeIntervalSince1970
        let until = closesAt.map { " until \(TimeText.full($0, in: displayZone))" } ?? ""
        if let allow = allows.first(where: { $0.occurrence(covering: t) != nil }) {
            return ("inside \(allow.label); changes allowed\(until)", allow.spec)
        }
        return ("no deny window in force; changes allowed\(until)", nil)
    }

    /// The deny window active at `t` whose current occurrence ends last.
    private func denyInForce(at t: Double) -> (ZonedWindow, Occurrence)? {
        var best: (ZonedWindow, Occurrence)?
        for deny in denies {
            guard let occurrence = deny.occurrence(covering: t) else { continue }
            if occurrence.end > best?.1.end ?? -.infinity { best = (deny, occurrence) }
        }
        return best
    }

    private func nextText(_ nextOpen: Date?) -> String {
        nextOpen.map { "changes allowed again at \(TimeText.full($0, in: displayZone))" } ?? neverText
    }

    private var neverText: String {
        "no allowed time within the next \(Int(horizon) / 86_400) days"
    }
}
