import Foundation
import Schedule
import Spec
import Testing

/// Year-long searches must stay cheap; timings are printed for the record, not asserted.
@Suite("Performance")
struct PerformanceTests {
    func measure(_ label: String, runs: Int, _ body: (Int) -> Void) {
        let clock = ContinuousClock()
        let elapsed = clock.measure { for i in 0..<runs { body(i) } }
        print("benchmark: \(label): \(runs) decisions in \(elapsed), \(elapsed / runs) each")
    }

    @Test func officeHoursOverAYear() {
        let rules = evaluator(stack: [W.allow("Mon-Fri 09:00-17:00")])
        let start = at("2026-01-01T00:00:00+01:00")
        var opened = 0
        measure("Mon-Fri 09:00-17:00 allow, hourly instants through a year", runs: 24 * 366) { i in
            let decision = rules.decision(at: start.addingTimeInterval(TimeInterval(i * 3600)))
            if decision.nextOpen != nil { opened += 1 }
        }
        #expect(opened == 24 * 366)
    }

    @Test func fullHorizonSearches() {
        let never = evaluator(host: [W.cron(.deny, "0 0 * * *", minutes: 24 * 60)],
                              stack: [W.allow("Mon-Fri 09:00-17:00"), W.cron(.allow, "0 0 30 2 *", minutes: 60)])
        let frozen = evaluator(host: [W.cron(.deny, "* * * * *", minutes: 1)])
        let now = at("2026-11-26T10:00:00+01:00")
        measure("allow Mon-Fri + deny all day every day: no open time in 366 days", runs: 20) { _ in
            #expect(never.decision(at: now).nextOpen == nil)
        }
        measure("deny every minute: 527k merged occurrences", runs: 3) { _ in
            #expect(frozen.decision(at: now).nextOpen == nil)
        }
    }
}
