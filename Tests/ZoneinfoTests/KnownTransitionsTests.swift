import Foundation
import Testing
import Zoneinfo

/// Seconds since 1970 of RFC 3339 text, parsed independently of the code under test.
func instant(_ text: String) -> Int {
    guard let date = ISO8601DateFormatter().date(from: text) else { preconditionFailure("bad test time \(text)") }
    return Int(date.timeIntervalSince1970)
}

/// One offset change: the zone, the instant it happens, and the offsets just before and from then on.
struct KnownChange: CustomTestStringConvertible, Sendable {
    var zone: String
    var at: String
    var before: Int
    var after: Int
    var testDescription: String { "\(zone) at \(at)" }
}

/// Offsets and transitions of the system's tzdata, checked against dates published for these zones.
struct KnownTransitionsTests {
    static let changes = [
        KnownChange(zone: "Europe/Berlin", at: "2026-03-29T01:00:00Z", before: 3600, after: 7200),
        KnownChange(zone: "Europe/Berlin", at: "2026-10-25T01:00:00Z", before: 7200, after: 3600),
        KnownChange(zone: "America/New_York", at: "2026-03-08T07:00:00Z", before: -18000, after: -14400),
        KnownChange(zone: "America/New_York", at: "2026-11-01T06:00:00Z", before: -14400, after: -18000),
        // Lord Howe Island moves its clocks by 30 minutes.
        KnownChange(zone: "Australia/Lord_Howe", at: "2026-04-04T15:00:00Z", before: 39600, after: 37800),
        KnownChange(zone: "Australia/Lord_Howe", at: "2026-10-03T15:30:00Z", before: 37800, after: 39600),
        // Past any listed transition: only the footer's POSIX rule knows these.
        KnownChange(zone: "Europe/Berlin", at: "2100-03-28T01:00:00Z", before: 3600, after: 7200),
        KnownChange(zone: "Europe/Berlin", at: "2100-10-31T01:00:00Z", before: 7200, after: 3600),
        KnownChange(zone: "America/New_York", at: "2100-03-14T07:00:00Z", before: -18000, after: -14400),
    ]

    @Test(arguments: changes)
    func offsetChangesAtTheKnownInstant(_ change: KnownChange) throws {
        let zone = try #require(ZoneRules(named: change.zone))
        let t = instant(change.at)
        #expect(zone.offset(at: t - 1) == change.before)
        #expect(zone.offset(at: t) == change.after)
        #expect(zone.nextTransition(after: t - 3600) == t)
        #expect(zone.nextTransition(after: t - 1) == t)
        #expect(zone.nextTransition(after: t) != t)
    }

    @Test func berlinYearHasTwoTransitions() throws {
        let berlin = try #require(ZoneRules(named: "Europe/Berlin"))
        let spring = try #require(berlin.nextTransition(after: instant("2026-01-01T00:00:00Z")))
        #expect(spring == instant("2026-03-29T01:00:00Z"))
        #expect(berlin.nextTransition(after: spring) == instant("2026-10-25T01:00:00Z"))
    }

    @Test func kolkataHasNoDaylightSavingTime() throws {
        let kolkata = try #require(ZoneRules(named: "Asia/Kolkata"))
        for text in ["1990-06-01T00:00:00Z", "2026-01-15T12:00:00Z", "2026-07-15T12:00:00Z", "2100-07-01T00:00:00Z"] {
            #expect(kolkata.offset(at: instant(text)) == 19800)
        }
        #expect(kolkata.nextTransition(after: instant("2026-01-01T00:00:00Z")) == nil)
    }

    @Test(arguments: ["Mars/Olympus_Mons", "europe/berlin", "Europe", "", "/usr/share/zoneinfo/UTC", "../zoneinfo/UTC",
                      "Europe/../UTC", "./UTC", "Europe//Berlin", "zone.tab", "GMT+130"])
    func unknownOrUnsafeNamesAreRejected(_ name: String) {
        #expect(ZoneRules(named: name) == nil)
    }

    @Test(arguments: ["UTC", "GMT", "Etc/UTC"])
    func utcNeedsNoFiles(_ name: String) throws {
        let zone = try #require(ZoneRules(named: name, directory: "/nonexistent/zoneinfo"))
        #expect(zone.offset(at: instant("2026-07-01T00:00:00Z")) == 0)
        #expect(zone.nextTransition(after: 0) == nil)
    }

    /// Fixed offsets: `GMT+2` is two hours east, as Foundation read it, not tzdata's POSIX-signed `GMT+2` file.
    @Test(arguments: [("GMT+2", 7200), ("UTC-03:30", -12600), ("GMT+1:30", 5400), ("GMT-12", -43200)])
    func gmtOffsetNamesAreFixed(_ name: String, _ offset: Int) throws {
        let zone = try #require(ZoneRules(named: name))
        #expect(zone.offset(at: instant("2026-07-01T00:00:00Z")) == offset)
        #expect(zone.nextTransition(after: 0) == nil)
    }
}
