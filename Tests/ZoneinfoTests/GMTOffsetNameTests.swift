import Foundation
import Testing
@testable import Zoneinfo

/// The fixed-offset names Foundation's `TimeZone(identifier:)` accepted, and nothing else.
struct GMTOffsetNameTests {
    static let bodies = ["0", "2", "9", "00", "02", "12", "14", "18", "19", "24", "99", "0130", "130", "1:30", "01:30",
                         "1.30", "01.30", "0160", "01:60", "01:99", "1800", "1801", "18:01", "18:00", "2:5", "02:5",
                         "0:00", "12:59", "1259", "5:45", "0545", "123", "12:3", "12345", "1:3", "01:", "1:", "", " 2",
                         "\u{0662}", "2 ", "+2", "1x30"]
    static let names = ["GMT+", "GMT-", "UTC+", "UTC-"].flatMap { prefix in bodies.map { prefix + $0 } }
        + ["GMT", "UTC", "GMT0", "UTC0", "gmt+2", "GMTX2"]

    @Test(arguments: names)
    func agreesWithFoundation(_ name: String) {
        // Plain GMT/UTC (and GMT0) are zones of their own, not offset names.
        let expected = ["GMT", "UTC", "GMT0"].contains(name) ? nil : TimeZone(identifier: name)?.secondsFromGMT()
        #expect(GMTOffsetName.offset(name) == expected)
    }
}
