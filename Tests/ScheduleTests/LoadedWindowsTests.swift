import Foundation
import Schedule
import Spec
import Testing

/// Windows as the loader produces them from a repository (short forms, long forms, zones), end to end.
@Suite("Loaded windows")
struct LoadedWindowsTests {
    func homelab() throws -> (HostSpec, StackSpec) {
        let root = try #require(Bundle.module.path(forResource: "Fixtures/homelab", ofType: nil))
        let result = RepositoryLoader.load(root: root, environment: [:])
        let repository = try #require(result.repository, "\(result.renderedDiagnostics)")
        let host = try #require(repository.hosts.first { $0.name == "nas" })
        let stack = try #require(repository.stack(named: "homeassistant"))
        return (host, stack)
    }

    @Test(arguments: [
        ("2026-11-26T06:30:00+01:00", true, "2026-11-26T06:30:00+01:00"),   // Thursday, allowed morning
        ("2026-11-26T06:50:00+01:00", false, "2026-11-26T07:15:00+01:00"),  // alarm: host deny beats allow
        ("2026-11-26T12:00:00+01:00", false, "2026-11-27T06:00:00+01:00"),  // allow closed
        ("2026-11-27T05:59:00+01:00", false, "2026-11-27T06:00:00+01:00"),  // night deny ends at 06:00 too
        ("2026-11-28T10:00:00+01:00", false, "2026-11-28T15:00:00+01:00"),  // Saturday: New York 09:00 is 15:00
        ("2026-11-28T18:59:00+01:00", true, "2026-11-28T18:59:00+01:00"),
        ("2026-11-28T19:00:00+01:00", false, "2026-11-30T06:00:00+01:00"),  // Sunday has no allow window
    ])
    func homeAssistant(_ row: (String, Bool, String)) throws {
        let (host, stack) = try homelab()
        let decision = try WindowEvaluator(host: host, stack: stack).decision(at: at(row.0))
        #expect(decision.open == row.1, "\(decision.reason)")
        #expect(decision.nextOpen == at(row.2), "\(decision.reason)")
        #expect(decision.timeZone == "Europe/Berlin")
    }
}
