import Controller
import Docker
import Foundation
import Store
import Testing

/// Invariant 7 on the lab: `kill -9` at every step boundary of a recreate loses nothing.
@Suite("Crash safety on the lab", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct CrashRecoveryTests {
    struct Row: Sendable {
        var step: String
        var killed: Bool
        var version: String
        var healthy: Bool
        var leftovers: [String]
        var others: [String]
        /// Journal operations still unfinished after the second run.
        var open: Int
        /// What the second run printed, to explain a surprising row.
        var output: String
    }

    /// Where the journal puts each step; `rollback` only happens for an image that fails its gate.
    static let steps = ["create-new", "stop-old", "rename-old", "rename-new", "start-new", "health", "remove-old", "rollback"]

    @Test(arguments: LabEngine.allCases)
    func killAtEveryStepEndsOnOldOrNewHealthyWithNoLeftovers(engine: LabEngine) async throws {
        var rows: [Row] = []
        for step in Self.steps { rows.append(try await crash(at: step, on: engine)) }
        var table = "step        killed  outcome  healthy  open ops  leftovers\n"
        for r in rows {
            table += r.step.padding(toLength: 12, withPad: " ", startingAt: 0) + (r.killed ? "yes     " : "NO      ")
                + r.version.padding(toLength: 9, withPad: " ", startingAt: 0) + (r.healthy ? "yes      " : "NO       ")
                + "\(r.open)".padding(toLength: 10, withPad: " ", startingAt: 0)
                + (r.leftovers.isEmpty ? "none" : r.leftovers.joined(separator: ", ")) + "\n"
        }
        print(table)
        for r in rows {
            #expect(r.killed, "\(r.step): RECONCILE_CRASH_AT did not kill the process\n\(table)")
            #expect(r.healthy, "\(r.step): the service is not running healthy under its name\n\(table)")
            #expect(r.leftovers.isEmpty, "\(r.step): \(r.leftovers)\n\(table)")
            #expect(r.others.isEmpty, "\(r.step): unexpected containers \(r.others)")
            #expect(r.open == 0, "\(r.step): the journal still has unfinished operations\n\(table)")
            // After recovery the same run applies again: a good image ends new, a broken one old.
            #expect(r.version == (r.step == "rollback" ? "old" : "new"), "\(r.step)\n\(table)\n\(r.output)")
        }
    }

    /// v1 applied; then the next release is applied with the process killed at `step`, then applied again.
    func crash(at step: String, on engine: LabEngine) async throws -> Row {
        let repo = try TestRepo(engine: engine)
        defer { repo.cleanUp() }
        let name = "\(repo.stack("crash"))-app-1"
        try HealthSupport.writeApp(repo, "crash", image: "lab/app:1", health: "{min_ready: 1s, timeout: 20s}")
        try repo.commit("v1")
        let first = try await repo.cli(["apply"])
        guard first.status == 0 else { throw LabError("\(step): first apply failed: \(first.output)") }
        let nas = try repo.docker("nas")
        let old = try await nas.inspectContainer(name).image
        let release = step == "rollback" ? "lab/app:broken" : "lab/app:2"
        try HealthSupport.writeApp(repo, "crash", image: release, health: "{min_ready: 1s, timeout: 20s}")
        try repo.commit("next release")
        let killed = try await repo.cli(["apply"], environment: ["RECONCILE_CRASH_AT": step])
        let second = try await repo.cli(["apply"])
        let containers = try await repo.containers("crash", on: "nas")
        let healthy = containers[name] != nil ? try await HealthSupport.waitHealthy(nas, name) : false
        let image = containers[name] == nil ? "" : try await nas.inspectContainer(name).image
        let new = try await nas.inspectImage(release).id
        let open = try await Store(stateDirectory: repo.state).unfinishedOperations().count
        return Row(step: step, killed: killed.status == SIGKILL,
                   version: image == old ? "old" : image == new ? "new" : "missing",
                   healthy: healthy, leftovers: HealthSupport.leftovers(containers.keys),
                   others: containers.keys.filter { $0 != name && !$0.hasSuffix(".prev") && !$0.hasSuffix(".next") },
                   open: open, output: second.output)
    }
}
