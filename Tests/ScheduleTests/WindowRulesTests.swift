import Foundation
import Schedule
import Spec
import Testing

/// One row: windows, an instant, and what the evaluator must say.
struct RuleCase: CustomTestStringConvertible, Sendable {
    var name: String
    var host: [WindowSpec] = []
    var stack: [WindowSpec] = []
    var zone: String? = "Europe/Berlin"
    var now: String
    var open: Bool
    var nextOpen: String?
    var closesAt: String?
    var testDescription: String { name }
}

// 2026-11-26 is a Thursday; Berlin is at +01:00 in November.
let ruleCases: [RuleCase] = [
    RuleCase(name: "no windows: always open", now: "2026-11-26T06:50:00+01:00", open: true,
             nextOpen: "2026-11-26T06:50:00+01:00", closesAt: nil),
    RuleCase(name: "deny only, inside", host: [W.deny("06:45-07:15")], now: "2026-11-26T06:50:00+01:00",
             open: false, nextOpen: "2026-11-26T07:15:00+01:00", closesAt: "2026-11-27T06:45:00+01:00"),
    RuleCase(name: "deny only, outside", host: [W.deny("06:45-07:15")], now: "2026-11-26T08:00:00+01:00",
             open: true, nextOpen: "2026-11-26T08:00:00+01:00", closesAt: "2026-11-27T06:45:00+01:00"),
    RuleCase(name: "deny only, at its end", host: [W.deny("06:45-07:15")], now: "2026-11-26T07:15:00+01:00",
             open: true, nextOpen: "2026-11-26T07:15:00+01:00", closesAt: "2026-11-27T06:45:00+01:00"),
    RuleCase(name: "allow only, inside", stack: [W.allow("Mon-Fri 09:00-17:00")], now: "2026-11-26T10:00:00+01:00",
             open: true, nextOpen: "2026-11-26T10:00:00+01:00", closesAt: "2026-11-26T17:00:00+01:00"),
    RuleCase(name: "allow only, evening", stack: [W.allow("Mon-Fri 09:00-17:00")], now: "2026-11-26T18:00:00+01:00",
             open: false, nextOpen: "2026-11-27T09:00:00+01:00", closesAt: "2026-11-27T17:00:00+01:00"),
    RuleCase(name: "allow only, Friday evening waits for Monday", stack: [W.allow("Mon-Fri 09:00-17:00")],
             now: "2026-11-27T17:00:00+01:00", open: false, nextOpen: "2026-11-30T09:00:00+01:00",
             closesAt: "2026-11-30T17:00:00+01:00"),
    RuleCase(name: "both: deny wins inside allow", host: [W.allow("Mon-Fri 09:00-17:00")],
             stack: [W.deny("12:00-13:00")], now: "2026-11-26T12:30:00+01:00", open: false,
             nextOpen: "2026-11-26T13:00:00+01:00", closesAt: "2026-11-26T17:00:00+01:00"),
    RuleCase(name: "both: open until the deny starts", host: [W.allow("Mon-Fri 09:00-17:00")],
             stack: [W.deny("12:00-13:00")], now: "2026-11-26T10:00:00+01:00", open: true,
             nextOpen: "2026-11-26T10:00:00+01:00", closesAt: "2026-11-26T12:00:00+01:00"),
    RuleCase(name: "both: deny outside allow still waits for allow", host: [W.allow("Mon-Fri 09:00-17:00")],
             stack: [W.deny("16:00-20:00")], now: "2026-11-26T18:00:00+01:00", open: false,
             nextOpen: "2026-11-27T09:00:00+01:00", closesAt: "2026-11-27T16:00:00+01:00"),
    RuleCase(name: "deny crossing midnight, after midnight", host: [W.deny("22:00-02:00")],
             now: "2026-11-27T01:00:00+01:00", open: false, nextOpen: "2026-11-27T02:00:00+01:00",
             closesAt: "2026-11-27T22:00:00+01:00"),
    RuleCase(name: "deny crossing midnight, before it starts", host: [W.deny("22:00-02:00")],
             now: "2026-11-26T21:59:00+01:00", open: true, nextOpen: "2026-11-26T21:59:00+01:00",
             closesAt: "2026-11-26T22:00:00+01:00"),
    RuleCase(name: "allow crossing midnight belongs to its start day", stack: [W.allow("Fri 22:00-02:00")],
             now: "2026-11-28T01:30:00+01:00", open: true, nextOpen: "2026-11-28T01:30:00+01:00",
             closesAt: "2026-11-28T02:00:00+01:00"),
    RuleCase(name: "allow crossing midnight, Saturday night is not Friday", stack: [W.allow("Fri 22:00-02:00")],
             now: "2026-11-28T22:30:00+01:00", open: false, nextOpen: "2026-12-04T22:00:00+01:00",
             closesAt: "2026-12-05T02:00:00+01:00"),
    RuleCase(name: "deny longer than a day: weekend freeze", host: [W.cron(.deny, "0 18 * * 5", minutes: 62 * 60)],
             now: "2026-11-29T12:00:00+01:00", open: false, nextOpen: "2026-11-30T08:00:00+01:00",
             closesAt: "2026-12-04T18:00:00+01:00"),
    RuleCase(name: "allow longer than a day", stack: [W.cron(.allow, "0 2 * * sat", minutes: 36 * 60)],
             now: "2026-11-29T10:00:00+01:00", open: true, nextOpen: "2026-11-29T10:00:00+01:00",
             closesAt: "2026-11-29T14:00:00+01:00"),
    RuleCase(name: "day-of-week range skips Thursday", stack: [W.allow("Mon-Wed 09:00-10:00")],
             now: "2026-11-26T09:30:00+01:00", open: false, nextOpen: "2026-11-30T09:00:00+01:00",
             closesAt: "2026-11-30T10:00:00+01:00"),
    RuleCase(name: "weekday list with a range", stack: [W.cron(.allow, "0 9 * * 1-3,5", minutes: 60)],
             now: "2026-11-26T09:30:00+01:00", open: false, nextOpen: "2026-11-27T09:00:00+01:00",
             closesAt: "2026-11-27T10:00:00+01:00"),
    RuleCase(name: "Sunday written as 7", stack: [W.cron(.allow, "0 9 * * 7", minutes: 60)],
             now: "2026-11-28T10:00:00+01:00", open: false, nextOpen: "2026-11-29T09:00:00+01:00",
             closesAt: "2026-11-29T10:00:00+01:00"),
    RuleCase(name: "day-of-month OR day-of-week (Vixie): Monday first", stack: [W.cron(.allow, "0 9 1 * 1", minutes: 60)],
             now: "2026-11-26T12:00:00+01:00", open: false, nextOpen: "2026-11-30T09:00:00+01:00",
             closesAt: "2026-11-30T10:00:00+01:00"),
    RuleCase(name: "day-of-month OR day-of-week (Vixie): then the 1st", stack: [W.cron(.allow, "0 9 1 * 1", minutes: 60)],
             now: "2026-11-30T12:00:00+01:00", open: false, nextOpen: "2026-12-01T09:00:00+01:00",
             closesAt: "2026-12-01T10:00:00+01:00"),
    RuleCase(name: "a stepped day-of-month counts as `*` (Vixie): AND with the weekday",
             stack: [W.cron(.allow, "0 9 */2 * 1", minutes: 60)], now: "2026-11-26T12:00:00+01:00", open: false,
             nextOpen: "2026-12-07T09:00:00+01:00", closesAt: "2026-12-07T10:00:00+01:00"),
    RuleCase(name: "window's own zone beats the host's", stack: [W.allow("09:00-10:00", tz: "America/New_York")],
             now: "2026-11-26T15:30:00+01:00", open: true, nextOpen: "2026-11-26T15:30:00+01:00",
             closesAt: "2026-11-26T16:00:00+01:00"),
    RuleCase(name: "no zone anywhere means UTC", stack: [W.allow("09:00-10:00")], zone: nil,
             now: "2026-11-26T09:30:00+01:00", open: false, nextOpen: "2026-11-26T10:00:00+01:00",
             closesAt: "2026-11-26T11:00:00+01:00"),
    RuleCase(name: "overlapping denies merge", host: [W.deny("06:00-07:00")], stack: [W.deny("06:30-08:00")],
             now: "2026-11-26T06:15:00+01:00", open: false, nextOpen: "2026-11-26T08:00:00+01:00",
             closesAt: "2026-11-27T06:00:00+01:00"),
    RuleCase(name: "touching allows merge", host: [W.allow("09:00-12:00")], stack: [W.allow("12:00-17:00")],
             now: "2026-11-26T10:00:00+01:00", open: true, nextOpen: "2026-11-26T10:00:00+01:00",
             closesAt: "2026-11-26T17:00:00+01:00"),
    RuleCase(name: "allow that never matches", stack: [W.cron(.allow, "0 0 30 2 *", minutes: 60)],
             now: "2026-11-26T10:00:00+01:00", open: false, nextOpen: nil, closesAt: nil),
    RuleCase(name: "deny every minute never opens", host: [W.cron(.deny, "* * * * *", minutes: 1)],
             now: "2026-11-26T10:00:00+01:00", open: false, nextOpen: nil, closesAt: nil),
    RuleCase(name: "allow every minute never closes", stack: [W.cron(.allow, "* * * * *", minutes: 1)],
             now: "2026-11-26T10:00:30+01:00", open: true, nextOpen: "2026-11-26T10:00:30+01:00", closesAt: nil),
]

@Suite("Window rules")
struct WindowRulesTests {
    @Test(arguments: ruleCases)
    func decides(_ row: RuleCase) {
        let decision = evaluator(host: row.host, stack: row.stack, zone: row.zone).decision(at: at(row.now))
        #expect(decision.open == row.open, "\(decision.reason)")
        #expect(decision.nextOpen == row.nextOpen.map(at), "\(decision.reason)")
        #expect(decision.closesAt == row.closesAt.map(at), "\(decision.reason)")
        #expect(decision.pending == nil || !row.open)
        let quick = evaluator(host: row.host, stack: row.stack, zone: row.zone).isOpen(at: at(row.now))
        #expect(quick == row.open)
    }
}

/// Weekday ranges ending on Sunday, as people write them in short forms.
@Suite("Weekday ranges")
struct WeekdayRangeTests {
    @Test(arguments: [("Sat-Sun", Set([6, 0])), ("Mon-Sun", Set(0...6)), ("fri-0", Set([5, 6, 0])),
                      ("Mon-Fri", Set(1...5)), ("Sun-Tue", Set([0, 1, 2]))])
    func rangesEndingOnSunday(_ row: (String, Set<Int>)) throws {
        let (schedule, _) = try CronParser.parseShortForm("\(row.0) 10:00-12:00")
        #expect(schedule.daysOfWeek == row.1)
    }

    @Test func weekendAllow() {
        let rules = evaluator(stack: [W.allow("Sat-Sun 10:00-12:00")])
        let decision = rules.decision(at: at("2026-11-29T11:00:00+01:00"))
        #expect(decision.open)
        #expect(rules.decision(at: at("2026-11-29T12:00:00+01:00")).nextOpen == at("2026-12-05T10:00:00+01:00"))
    }
}
