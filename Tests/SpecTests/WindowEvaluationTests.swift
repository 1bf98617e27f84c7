import Foundation
import Spec
import Testing

/// Window membership in the window's own time zone.
struct WindowEvaluationTests {
    private func window(_ short: String, zone: String? = nil) throws -> WindowSpec {
        let (schedule, duration) = try CronParser.parseShortForm(short)
        return WindowSpec(kind: .deny, schedule: schedule, duration: duration, timezone: zone, source: .file("t"))
    }

    private func date(_ iso: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: iso))
    }

    @Test func dailyWindowInUTC() throws {
        let quiet = try window("06:45-07:15")
        #expect(quiet.contains(try date("2026-11-25T06:45:00Z")))
        #expect(quiet.contains(try date("2026-11-25T07:14:59Z")))
        #expect(!quiet.contains(try date("2026-11-25T07:15:00Z")))
        #expect(!quiet.contains(try date("2026-11-25T06:44:59Z")))
    }

    @Test func overnightWindowWrapsMidnight() throws {
        let night = try window("22:00-06:00")
        #expect(night.contains(try date("2026-11-26T03:00:00Z")))
        #expect(!night.contains(try date("2026-11-26T12:00:00Z")))
    }

    @Test func weekdaysAndZonesApply() throws {
        let office = try window("Mon-Fri 09:00-17:00", zone: "Europe/Berlin")
        // Wednesday 2026-11-25 08:30 UTC = 09:30 in Berlin (CET).
        #expect(office.contains(try date("2026-11-25T08:30:00Z")))
        #expect(!office.contains(try date("2026-11-25T07:30:00Z")))
        // Saturday.
        #expect(!office.contains(try date("2026-11-28T10:00:00Z")))
        let hostZoned = try window("09:00-10:00")
        #expect(hostZoned.contains(try date("2026-11-25T08:30:00Z"), hostTimeZone: "Europe/Berlin"))
    }
}
