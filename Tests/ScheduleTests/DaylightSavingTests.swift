import Foundation
@testable import Schedule
import Spec
import Testing

/// DST: skipped wall times fire right after the gap; repeated wall times fire once, the first time,
/// except for wildcard schedules (minute or hour field starting with `*`), which fire at both.
@Suite("Daylight saving time")
struct DaylightSavingTests {
    /// Cron firing instants between two instants, as RFC 3339 UTC text for readable failures.
    func firings(_ expression: String, _ zone: String, from: String, to: String) throws -> [Date] {
        let clock = try #require(ZoneClock(named: zone))
        let times = CronTimes(try CronParser.parse(expression), in: clock,
                              from: Int(at(from).timeIntervalSince1970), through: Int(at(to).timeIntervalSince1970))
        return times.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    @Test func berlinSpringForwardMovesTheSkippedStartToTheEndOfTheGap() throws {
        let got = try firings("30 2 * * *", "Europe/Berlin", from: "2026-03-28T00:00:00Z", to: "2026-03-31T00:00:00Z")
        #expect(got == [at("2026-03-28T02:30:00+01:00"), at("2026-03-29T03:00:00+02:00"),
                        at("2026-03-30T02:30:00+02:00")])
    }

    @Test func berlinSpringForwardCollapsesAllSkippedStartsIntoOne() throws {
        let got = try firings("*/15 2 * * *", "Europe/Berlin", from: "2026-03-29T00:00:00Z", to: "2026-03-29T12:00:00Z")
        #expect(got == [at("2026-03-29T03:00:00+02:00")])
    }

    @Test func berlinFallBackFiresOnceInTheRepeatedHour() throws {
        let got = try firings("30 2 * * *", "Europe/Berlin", from: "2026-10-24T00:00:00Z", to: "2026-10-27T00:00:00Z")
        #expect(got == [at("2026-10-24T02:30:00+02:00"), at("2026-10-25T02:30:00+02:00"),
                        at("2026-10-26T02:30:00+01:00")])
        let quarter = try firings("0,15,30,45 2 * * *", "Europe/Berlin", from: "2026-10-25T00:00:00+02:00",
                                  to: "2026-10-25T12:00:00+01:00")
        #expect(quarter == ["00", "15", "30", "45"].map { at("2026-10-25T02:\($0):00+02:00") })
    }

    @Test func wildcardSchedulesFireInBothRepeatedHours() throws {
        let got = try firings("*/30 * * * *", "Europe/Berlin", from: "2026-10-25T01:30:00+02:00",
                              to: "2026-10-25T03:00:00+01:00")
        let expected = ["01:30:00+02:00", "02:00:00+02:00", "02:30:00+02:00", "02:00:00+01:00", "02:30:00+01:00",
                        "03:00:00+01:00"].map { at("2026-10-25T" + $0) }
        #expect(got == expected)
        let fixed = try firings("0,30 2 * * *", "Europe/Berlin", from: "2026-10-25T01:30:00+02:00",
                                to: "2026-10-25T03:00:00+01:00")
        #expect(fixed == [at("2026-10-25T02:00:00+02:00"), at("2026-10-25T02:30:00+02:00")])
    }

    /// A freeze written as "every minute" must hold through the repeated hour too.
    @Test func everyMinuteDenyHoldsThroughFallBack() {
        let rules = evaluator(host: [W.cron(.deny, "* * * * *", minutes: 1)], zone: "Europe/Berlin")
        #expect(!rules.isOpen(at: at("2026-10-25T02:30:00+01:00")))
        #expect(!rules.isOpen(at: at("2026-03-29T03:00:30+02:00")))
    }

    /// Lord Howe Island moves its clocks by 30 minutes: the gap end is found, not assumed to be an hour.
    @Test func halfHourShiftOnLordHowe() throws {
        let got = try firings("15 2 * * *", "Australia/Lord_Howe", from: "2026-10-02T12:00:00Z",
                              to: "2026-10-05T12:00:00Z")
        #expect(got == [at("2026-10-03T02:15:00+10:30"), at("2026-10-04T02:30:00+11:00"),
                        at("2026-10-05T02:15:00+11:00")])
    }

    @Test func newYorkTransitions() throws {
        let spring = try firings("30 2 * * *", "America/New_York", from: "2026-03-07T12:00:00Z", to: "2026-03-09T12:00:00Z")
        #expect(spring == [at("2026-03-08T03:00:00-04:00"), at("2026-03-09T02:30:00-04:00")])
        let fall = try firings("30 1 * * *", "America/New_York", from: "2026-10-31T12:00:00Z", to: "2026-11-02T12:00:00Z")
        #expect(fall == [at("2026-11-01T01:30:00-04:00"), at("2026-11-02T01:30:00-05:00")])
    }

    /// Rows of (zone, window, now, open, nextOpen) around the 2026 transitions.
    static let rows: [(String, String, String, Bool, String)] = [
        // Berlin spring forward: "02:30-03:30" runs 03:00-04:00 CEST on 2026-03-29.
        ("Europe/Berlin", "02:30-03:30", "2026-03-29T01:59:59+01:00", true, "2026-03-29T01:59:59+01:00"),
        ("Europe/Berlin", "02:30-03:30", "2026-03-29T03:00:00+02:00", false, "2026-03-29T04:00:00+02:00"),
        ("Europe/Berlin", "02:30-03:30", "2026-03-29T03:59:00+02:00", false, "2026-03-29T04:00:00+02:00"),
        ("Europe/Berlin", "02:30-03:30", "2026-03-28T03:30:00+01:00", true, "2026-03-28T03:30:00+01:00"),
        // Berlin fall back: "02:30-03:30" starts once, at 02:30 CEST, and ends at 03:30 CET on the wall clock.
        ("Europe/Berlin", "02:30-03:30", "2026-10-25T02:45:00+02:00", false, "2026-10-25T03:30:00+01:00"),
        ("Europe/Berlin", "02:30-03:30", "2026-10-25T02:45:00+01:00", false, "2026-10-25T03:30:00+01:00"),
        ("Europe/Berlin", "02:30-03:30", "2026-10-25T03:30:00+01:00", true, "2026-10-25T03:30:00+01:00"),
        // A night freeze ends at 07:00 on the wall clock on both DST nights (10 and 8 elapsed hours).
        ("Europe/Berlin", "22:00-07:00", "2026-10-25T06:30:00+01:00", false, "2026-10-25T07:00:00+01:00"),
        ("Europe/Berlin", "22:00-07:00", "2026-03-29T06:30:00+02:00", false, "2026-03-29T07:00:00+02:00"),
        ("Europe/Berlin", "22:00-07:00", "2026-03-29T07:00:00+02:00", true, "2026-03-29T07:00:00+02:00"),
        // New York: spring forward at 02:00 EST on 03-08, fall back at 02:00 EDT on 11-01.
        ("America/New_York", "02:30-03:30", "2026-03-08T03:15:00-04:00", false, "2026-03-08T04:00:00-04:00"),
        ("America/New_York", "01:30-02:00", "2026-11-01T01:45:00-04:00", false, "2026-11-01T02:00:00-05:00"),
        ("America/New_York", "01:30-02:00", "2026-11-01T01:45:00-05:00", false, "2026-11-01T02:00:00-05:00"),
        ("America/New_York", "22:00-07:00", "2026-11-01T06:59:00-05:00", false, "2026-11-01T07:00:00-05:00"),
    ]

    @Test(arguments: rows)
    func denyWindowAcrossTransitions(_ row: (String, String, String, Bool, String)) {
        let (zone, window, now, open, nextOpen) = row
        let decision = evaluator(host: [W.deny(window)], zone: zone).decision(at: at(now))
        #expect(decision.open == open, "\(decision.reason)")
        #expect(decision.nextOpen == at(nextOpen), "\(decision.reason)")
    }

    /// A full-day allow window covers exactly the day on the wall clock, on 23- and 25-hour days alike.
    @Test func fullDayWindowFollowsTheWallClock() {
        let rules = evaluator(stack: [W.allow("Sun 00:00-00:00")], zone: "Europe/Berlin")
        let spring = rules.decision(at: at("2026-03-29T12:00:00+02:00"))
        #expect(spring.closesAt == at("2026-03-30T00:00:00+02:00"))
        let fall = rules.decision(at: at("2026-10-25T12:00:00+01:00"))
        #expect(fall.closesAt == at("2026-10-26T00:00:00+01:00"))
        #expect(!rules.isOpen(at: at("2026-10-26T00:00:00+01:00")))
    }

    /// Long-form windows follow the wall clock too: 9 hours from 22:00 is 07:00 local.
    @Test func longFormDurationOnFallBackNight() {
        let rules = evaluator(host: [W.cron(.deny, "0 22 * * *", minutes: 9 * 60)], zone: "Europe/Berlin")
        let decision = rules.decision(at: at("2026-10-25T06:30:00+01:00"))
        #expect(decision.nextOpen == at("2026-10-25T07:00:00+01:00"))
        #expect(decision.reason == "deny window 22:00-07:00 Europe/Berlin in force until 07:00")
    }
}
