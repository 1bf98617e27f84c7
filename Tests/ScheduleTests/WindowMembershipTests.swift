import Foundation
import Schedule
import Spec
import Testing

/// A single deny window holds exactly while one of its occurrences covers the instant, read in the window's
/// own zone, else the host's, else UTC.
struct WindowMembershipTests {
    func denied(_ window: WindowSpec, at time: String, hostZone: String? = nil) -> Bool {
        !evaluator(host: [window], zone: hostZone).isOpen(at: at(time))
    }

    @Test func dailyWindowInUTC() {
        let quiet = W.deny("06:45-07:15")
        #expect(denied(quiet, at: "2026-11-25T06:45:00Z"))
        #expect(denied(quiet, at: "2026-11-25T07:14:59Z"))
        #expect(!denied(quiet, at: "2026-11-25T07:15:00Z"))
        #expect(!denied(quiet, at: "2026-11-25T06:44:59Z"))
    }

    @Test func overnightWindowWrapsMidnight() {
        let night = W.deny("22:00-06:00")
        #expect(denied(night, at: "2026-11-26T03:00:00Z"))
        #expect(!denied(night, at: "2026-11-26T12:00:00Z"))
    }

    @Test func weekdaysAndZonesApply() {
        let office = W.deny("Mon-Fri 09:00-17:00", tz: "Europe/Berlin")
        // Wednesday 2026-11-25 08:30 UTC = 09:30 in Berlin (CET).
        #expect(denied(office, at: "2026-11-25T08:30:00Z"))
        #expect(!denied(office, at: "2026-11-25T07:30:00Z"))
        // Saturday.
        #expect(!denied(office, at: "2026-11-28T10:00:00Z"))
        #expect(denied(W.deny("09:00-10:00"), at: "2026-11-25T08:30:00Z", hostZone: "Europe/Berlin"))
    }
}
