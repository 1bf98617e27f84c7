import Controller
import Docker
import Foundation
import Store
import Testing

/// Docker answers 500 at each step of a recreate and of a rollback (a failed health gate), through a
/// fault-injecting transport around the real lab engine. For every row: the faulted pass records what
/// happened; after the next (clean) pass the old container runs under its name or the new one is healthy,
/// no `.prev`/`.next` is left and the journal has nothing open.
@Suite(.serialized) struct FaultTableTests {
    struct Row {
        var scenario: String
        var step: FaultInjectingTransport.Step
        var nth: Int
        var fired = false
        var revision = ""
        var afterFault = ""
        var final = ""
        var healthy = false
        var leftovers: [String] = []
        var open = 0
    }

    /// Which request of its kind fails. A recreate: create new, stop old, rename old → .prev, rename new → name,
    /// start new, the gate's inspect and event stream, remove old. A rollback (broken image): remove the new
    /// container, rename .prev back (the third rename), start the old one (the second start).
    static let rows: [(String, FaultInjectingTransport.Step, Int)] = [
        ("recreate", .create, 1), ("recreate", .stop, 1), ("recreate", .rename, 1), ("recreate", .rename, 2),
        ("recreate", .start, 1), ("recreate", .inspect, 1), ("recreate", .events, 1), ("recreate", .remove, 1),
        ("rollback", .remove, 1), ("rollback", .rename, 3), ("rollback", .start, 2), ("rollback", .inspect, 1),
    ]

    @Test func everyFaultedStepConvergesByTheNextPass() async throws {
        var results: [Row] = []
        for (scenario, step, nth) in Self.rows {
            results.append(try await run(Row(scenario: scenario, step: step, nth: nth)))
        }
        let table = Self.render(results)
        print(table)
        for r in results {
            #expect(r.fired, "\(r.scenario) \(r.step)#\(r.nth): the fault never fired\n\(table)")
            #expect(r.healthy, "\(r.scenario) \(r.step)#\(r.nth): not running under its name\n\(table)")
            #expect(r.leftovers.isEmpty, "\(r.scenario) \(r.step)#\(r.nth): \(r.leftovers)\n\(table)")
            #expect(r.open == 0, "\(r.scenario) \(r.step)#\(r.nth): open journal operations\n\(table)")
            // A broken release never ends up running; a good one may end old (reverted) or new.
            if r.scenario == "rollback" { #expect(r.final == "old", "\(table)") }
            #expect(!r.revision.isEmpty, "\(r.scenario) \(r.step)#\(r.nth): no revision recorded\n\(table)")
        }
    }

    func run(_ row: Row) async throws -> Row {
        var row = row
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let name = "\(repo.stack("fault"))-app-1"
        let health = "{min_ready: 1s, timeout: 20s}"
        try HealthSupport.writeApp(repo, "fault", image: "lab/app:1", health: health)
        try repo.commit("v1")
        guard try await repo.controller().apply(ApplyRequest()).succeeded else { throw LabError("v1 did not apply") }
        let nas = try repo.docker("nas")
        let old = try await nas.inspectContainer(name).image
        let release = row.scenario == "rollback" ? "lab/app:broken" : "lab/app:2"
        try HealthSupport.writeApp(repo, "fault", image: release, health: health)
        try repo.commit("next release")

        let fault = FaultInjectingTransport.Fault(row.step, nth: row.nth)
        _ = try await repo.controller(wrap: fault.wrap).apply(ApplyRequest())
        row.fired = fault.fired.withLock { $0 }
        let newest = try await HealthSupport.revisions(repo, "fault").first
        row.revision = newest.map { "\($0.outcome.rawValue)" + ($0.error.map { ": " + $0.prefix(60) } ?? "") } ?? ""
        let between = try await repo.containers("fault", on: "nas")
        row.afterFault = between.keys.sorted().map { $0.replacingOccurrences(of: repo.stack("fault"), with: "") }.joined(separator: " ")

        _ = try await repo.controller().apply(ApplyRequest())
        let containers = try await repo.containers("fault", on: "nas")
        let image = containers[name] == nil ? "" : try await nas.inspectContainer(name).image
        let new = try await nas.inspectImage(release).id
        row.final = image == old ? "old" : image == new ? "new" : "missing"
        row.healthy = containers[name] != nil ? try await HealthSupport.waitHealthy(nas, name) : false
        row.leftovers = HealthSupport.leftovers(containers.keys)
        row.open = try await Store(stateDirectory: repo.state).unfinishedOperations().count
        return row
    }

    static func render(_ rows: [Row]) -> String {
        var out = "scenario | fault          | revision of the faulted pass                          | after it          | next pass\n"
        for r in rows {
            let fault = "\(r.step.rawValue) #\(r.nth)".padding(toLength: 14, withPad: " ", startingAt: 0)
            let revision = r.revision.padding(toLength: 53, withPad: " ", startingAt: 0)
            let after = r.afterFault.padding(toLength: 17, withPad: " ", startingAt: 0)
            let next = "\(r.final)\(r.healthy ? ", running" : ", NOT running")\(r.leftovers.isEmpty ? "" : ", left: \(r.leftovers)")"
                + (r.open == 0 ? "" : ", \(r.open) open")
            out += "\(r.scenario.padding(toLength: 8, withPad: " ", startingAt: 0)) | \(fault) | \(revision) | \(after) | \(next)\n"
        }
        return out
    }
}
