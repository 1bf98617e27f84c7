import Foundation
import Schedule
import Spec
import Testing

/// Around DST changes, the year-ahead search and the instant check must tell the same story:
/// `nextOpen` is open and the second before it closed; `closesAt` is closed and the second before it open.
@Suite("Consistency across DST")
struct ConsistencyTests {
    static let sets: [(String, [WindowSpec])] = [
        ("night freeze and office hours", [W.deny("22:00-07:00"), W.allow("Mon-Sun 06:00-23:30")]),
        ("wildcard denies", [W.cron(.deny, "*/20 1-3 * * *", minutes: 10), W.deny("02:30-03:30")]),
        ("long allows in two zones", [W.cron(.allow, "30 2 * * *", minutes: 20 * 60),
                                      W.allow("01:30-02:30", tz: "America/New_York")]),
    ]
    static let spans = [("2026-03-27T12:00:00Z", "2026-03-30T12:00:00Z"),
                        ("2026-10-23T12:00:00Z", "2026-10-26T12:00:00Z"),
                        ("2026-10-30T12:00:00Z", "2026-11-02T12:00:00Z")]

    @Test(arguments: sets)
    func searchAgreesWithInstantChecks(_ set: (String, [WindowSpec])) {
        let rules = evaluator(host: set.1)
        for (from, to) in Self.spans {
            var now = at(from)
            while now < at(to) {
                let decision = rules.decision(at: now)
                #expect(decision.open == rules.isOpen(at: now), "\(now)")
                if let next = decision.nextOpen {
                    #expect(rules.isOpen(at: next), "nextOpen \(next) from \(now)")
                    if next > now { #expect(!rules.isOpen(at: next.addingTimeInterval(-1)), "before \(next)") }
                }
                if let close = decision.closesAt {
                    #expect(!rules.isOpen(at: close), "closesAt \(close) from \(now)")
                    #expect(rules.isOpen(at: close.addingTimeInterval(-1)), "before \(close)")
                }
                now = now.addingTimeInterval(13 * 60)
            }
        }
    }
}
