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
        var times = 1
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
    /// container, rename .prev back (the third rename), start the old one (the second start). The last row
    /// fails the restoring rename four times in a row: more than the pass's own three tries, so the service is
    /// down after that pass, the operation stays open, and the next pass's recovery brings the old one back.
    static let rows: [(String, FaultInjectingTransport.Step, Int, Int)] = [
        ("recreate", .create, 1, 1), ("recreate", .stop, 1, 1), ("recreate", .rename, 1, 1), ("recreate", .rename, 2, 1),
        ("recreate", .start, 1, 1), ("recreate", .inspect, 1, 1), ("recreate", .events, 1, 1), ("recreate", .remove, 1, 1),
        ("rollback", .remove, 1, 1), ("rollback", .rename, 3, 1), ("rollback", .start, 2, 1), ("rollback", .inspect, 1, 1),
        ("rollback", .rename, 3, 4),
    ]

    @Test func everyFaultedStepConvergesByTheNextPass() async throws {
        var results: [Row] = []
        for (scenario, step, nth, times) in Self.rows {
            results.append(try await run(Row(scenario: scenario, step: step, nth: nth, times: times)))
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

        let fault = FaultInjectingTransport.Fault(row.step, nth: row.nth, times: row.times)
        _ = try await repo.controller(wrap: fault.wrap).apply(ApplyRequest())
        row.fired = fault.fired.withLock { $0 }
        let newest = try await HealthSupport.revisions(repo, "fault").first
        row.revision = newest.map { revision in
            let error = revision.error ?? ""
            let why = error.contains("restoring") ? "restore failed, left open"
                : error.contains("injected fault") ? "engine error, reverted" : error.contains("unhealthy") ? "gate failed" : ""
            return revision.outcome.rawValue + (why.isEmpty ? "" : " (\(why))")
        } ?? ""
        let releaseID = try await nas.inspectImage(release).id
        let between = try await repo.containers("fault", on: "nas")
        let now = between[name] == nil ? nil : try await nas.inspectContainer(name)
        row.afterFault = now.map { ($0.image == old ? "old" : $0.image == releaseID ? "new" : "?") + ($0.state.running ? " running" : " stopped") }
            ?? "missing"
        let left = HealthSupport.leftovers(between.keys)
        if !left.isEmpty { row.afterFault += " + " + left.map { $0.replacingOccurrences(of: repo.stack("fault"), with: "") }.joined(separator: " ") }

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
        var out = "scenario | fault          | revision of the faulted pass       | right after it              | after the next pass\n"
        for r in rows {
            let fault = "\(r.step.rawValue) #\(r.nth)\(r.times > 1 ? "-#\(r.nth + r.times - 1)" : "")".padding(toLength: 14, withPad: " ", startingAt: 0)
            let revision = r.revision.padding(toLength: 34, withPad: " ", startingAt: 0)
            let after = r.afterFault.padding(toLength: 27, withPad: " ", startingAt: 0)
            let next = "\(r.final)\(r.healthy ? ", running" : ", NOT running")\(r.leftovers.isEmpty ? "" : ", left: \(r.leftovers)")"
                + (r.open == 0 ? "" : ", \(r.open) open")
            out += "\(r.scenario.padding(toLength: 8, withPad: " ", startingAt: 0)) | \(fault) | \(revision) | \(after) | \(next)\n"
        }
        return out
    }
}
