import Foundation
import Testing
@testable import Zoneinfo

/// TZif bytes built by hand (RFC 8536 layout), for the shapes tzdata on this machine may not have.
struct TZifBuilder {
    /// 0 for version 1, else the ASCII digit.
    var version: UInt8 = UInt8(ascii: "2")
    var transitions: [Int] = []
    var typeIndices: [UInt8] = []
    /// UTC offsets of the local time types; type 0 applies before the first transition.
    var offsets: [Int32] = [0]
    var leapSeconds = 0
    var footer = ""

    var bytes: [UInt8] {
        var out = block(timeSize: 4)
        if version != 0 { out += block(timeSize: 8) + Array("\n\(footer)\n".utf8) }
        return out
    }

    private func block(timeSize: Int) -> [UInt8] {
        var out = Array("TZif".utf8) + [version] + Array(repeating: 0, count: 15)
        for count in [0, 0, leapSeconds, transitions.count, offsets.count, 4] { out += Self.bigEndian(count, size: 4) }
        for time in transitions { out += Self.bigEndian(time, size: timeSize) }
        out += typeIndices
        for offset in offsets { out += Self.bigEndian(Int(offset), size: 4) + [0, 0] }
        out += Array("ABC\0".utf8)
        for _ in 0..<leapSeconds { out += Self.bigEndian(0, size: timeSize) + Self.bigEndian(1, size: 4) }
        return out
    }

    static func bigEndian(_ value: Int, size: Int) -> [UInt8] {
        (0..<size).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }
}

struct TZifFixtureTests {
    /// Writes `bytes` as zone `Test/Zone` in a fresh directory and loads it from there.
    func load(_ bytes: [UInt8]) throws -> ZoneRules? {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zoneinfo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("Test"),
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: directory.appendingPathComponent("Test/Zone"))
        return ZoneRules(named: "Test/Zone", directory: directory.path)
    }

    /// Debian's 'slim' files may list no transitions at all: the footer alone must give DST.
    @Test func footerOnlyFileFollowsItsRule() throws {
        let slim = TZifBuilder(offsets: [3600], footer: "CET-1CEST,M3.5.0,M10.5.0/3")
        let zone = try #require(try load(slim.bytes))
        #expect(zone.offset(at: instant("2026-01-15T12:00:00Z")) == 3600)
        #expect(zone.offset(at: instant("2026-07-15T12:00:00Z")) == 7200)
        #expect(zone.nextTransition(after: instant("2026-01-01T00:00:00Z")) == instant("2026-03-29T01:00:00Z"))
        #expect(zone.nextTransition(after: instant("2026-03-29T01:00:00Z")) == instant("2026-10-25T01:00:00Z"))
    }

    @Test func versionOneFileUsesItsThirtyTwoBitTimes() throws {
        let t1 = instant("2000-01-01T00:00:00Z"), t2 = instant("2001-01-01T00:00:00Z")
        let old = TZifBuilder(version: 0, transitions: [t1, t2], typeIndices: [1, 0], offsets: [0, 3600])
        let zone = try #require(try load(old.bytes))
        #expect(zone.offset(at: t1 - 1) == 0)
        #expect(zone.offset(at: t1) == 3600)
        #expect(zone.offset(at: t2) == 0)
        #expect(zone.nextTransition(after: 0) == t1)
        #expect(zone.nextTransition(after: t1) == t2)
        #expect(zone.nextTransition(after: t2) == nil)
    }

    /// A transition that changes only the abbreviation moves no clock and is skipped.
    @Test func sameOffsetTransitionsAreNotTransitions() throws {
        let t1 = instant("2000-01-01T00:00:00Z"), t2 = instant("2001-01-01T00:00:00Z")
        let renamed = TZifBuilder(transitions: [t1, t2], typeIndices: [1, 2], offsets: [0, 0, 3600])
        let zone = try #require(try load(renamed.bytes))
        #expect(zone.nextTransition(after: 0) == t2)
    }

    @Test func malformedFilesAreRejected() throws {
        let good = TZifBuilder(transitions: [0], typeIndices: [0], footer: "UTC0").bytes
        #expect(try load(good) != nil)
        #expect(try load(Array(good.prefix(60))) == nil)
        #expect(try load(Array("TZjf".utf8) + good.dropFirst(4)) == nil)
        #expect(try load(TZifBuilder(transitions: [0], typeIndices: [5]).bytes) == nil)
        // `right/` zones count leap seconds: their times are not POSIX seconds.
        #expect(try load(TZifBuilder(leapSeconds: 1).bytes) == nil)
    }

    @Test func allYearDaylightTimeNeverChanges() throws {
        let rule = try #require(PosixZoneRule(parsing: "EST5EDT,0/0,J365/25"))
        for text in ["2026-01-01T04:59:59Z", "2026-01-01T05:00:00Z", "2026-07-01T00:00:00Z", "2026-12-31T23:00:00Z"] {
            #expect(rule.offset(at: instant(text)) == -14400)
        }
        #expect(rule.nextTransition(after: instant("2026-06-01T00:00:00Z")) == nil)
    }

    @Test func footerRulesParse() throws {
        let lordHowe = try #require(PosixZoneRule(parsing: "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"))
        #expect(lordHowe.standardOffset == 37800)
        #expect(lordHowe.daylight?.offset == 39600)
        #expect(lordHowe.daylight?.end == PosixZoneRule.Change(day: .weekday(month: 4, week: 1, weekday: 0), time: 7200))
        #expect(try #require(PosixZoneRule(parsing: "IST-5:30")).daylight == nil)
        #expect(try #require(PosixZoneRule(parsing: "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1")).daylight?.start.time == -7200)
        // Default DST offset: one hour ahead of standard time.
        #expect(try #require(PosixZoneRule(parsing: "EST5EDT,M3.2.0,M11.1.0")).daylight?.offset == -14400)
        for bad in ["", "E5", "EST", "EST5EDT", "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.2.0", "<+05", "EST5x"] {
            #expect(PosixZoneRule(parsing: bad) == nil, "\(bad)")
        }
    }

    /// `Jn` never counts February 29; `n` does.
    @Test func julianDaysSkipLeapDay() {
        #expect(PosixZoneRule.Day.julian(60).dayNumber(year: 2028) == CivilDate.days(year: 2028, month: 3, day: 1))
        #expect(PosixZoneRule.Day.zeroBased(59).dayNumber(year: 2028) == CivilDate.days(year: 2028, month: 2, day: 29))
        #expect(PosixZoneRule.Day.weekday(month: 2, week: 5, weekday: 2).dayNumber(year: 2028)
                == CivilDate.days(year: 2028, month: 2, day: 29))
    }
}
