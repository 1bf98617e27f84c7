import Foundation
import Testing
import Zoneinfo

/// Every transition `zdump -v` (glibc's reading of the same files) lists from 1970 to 2110 must match ours:
/// the offset on both sides and `nextTransition` stepping from one to the next.
struct ZdumpAgreementTests {
    /// One transition as zdump prints it: the last second before (`isdst`/`gmtoff` of the old offset), then
    /// the first second of the new one.
    struct Listed {
        var instant: Int
        var offset: Int
    }

    func zdump(_ zone: String) throws -> [Listed] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["zdump", "-v", "-c", "1970,2110", zone]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            // Europe/Berlin  Sun Mar 29 01:00:00 2026 UT = Sun Mar 29 03:00:00 2026 CEST isdst=1 gmtoff=7200
            let fields = line.split(separator: " ")
            guard fields.count >= 14, fields[6] == "UT", let month = months.firstIndex(of: String(fields[2])),
                  let offset = fields.last.flatMap({ Int($0.dropFirst("gmtoff=".count)) }) else { return nil }
            let text = String(format: "%@-%02d-%02dT%@Z", String(fields[5]), month + 1, Int(fields[3]) ?? 0,
                              String(fields[4]))
            return Listed(instant: instant(text), offset: offset)
        }
    }

    @Test(arguments: ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Sao_Paulo",
                      "Africa/Casablanca", "Pacific/Chatham", "Asia/Tehran", "America/Godthab", "Europe/Dublin"])
    func agreesWithZdump(_ name: String) throws {
        let zone = try #require(ZoneRules(named: name))
        let listed = try zdump(name)
        for entry in listed {
            #expect(zone.offset(at: entry.instant) == entry.offset, "\(name) at \(entry.instant)")
        }
        // zdump prints pairs, the last second of the old offset and the first of the new, also for changes of
        // abbreviation or DST flag alone, which move no clock and so are no transitions here.
        let starts = stride(from: 1, to: listed.count, by: 2)
            .filter { listed[$0 - 1].offset != listed[$0].offset }
            .map { listed[$0].instant }
        #expect(!starts.isEmpty)
        for (previous, next) in zip(starts, starts.dropFirst()) {
            #expect(zone.nextTransition(after: previous) == next, "\(name) after \(previous)")
        }
    }
}
