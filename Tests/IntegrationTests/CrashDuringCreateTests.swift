import Controller
import Docker
import Foundation
import Store
import Testing

/// Invariant 7 for a new service: `kill -9` during a create leaves no half-made or failing container.
@Suite("Crash safety of a create on the lab", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct CrashDuringCreateTests {
    /// Step → image; `remove-new` only happens for an image that fails its gate.
    static let cases: [(step: String, image: String)] = [
        ("create-new", "lab/app:1"), ("start-new", "lab/app:1"), ("health", "lab/app:1"), ("remove-new", "lab/app:broken"),
    ]

    @Test func killAtEveryStepOfACreateEndsRunningHealthyOrWithNothingLeft() async throws {
        var table = "step        killed  after second run           open ops\n"
        var failures: [String] = []
        for (step, image) in Self.cases {
            let repo = try TestRepo()
            defer { repo.cleanUp() }
            let name = "\(repo.stack("fresh"))-app-1"
            try HealthSupport.writeApp(repo, "fresh", image: image, health: "{min_ready: 1s, timeout: 20s}")
            try repo.commit("new service")
            let killed = try await repo.cli(["apply"], environment: ["RECONCILE_CRASH_AT": step]).status == SIGKILL
            let second = try await repo.cli(["apply"])
            let containers = try await repo.containers("fresh", on: "nas")
            let open = try await Store(stateDirectory: repo.state).unfinishedOperations().count
            let state: String
            if containers.isEmpty {
                state = "no container"
            } else if containers.keys.sorted() == [name], try await HealthSupport.waitHealthy(try repo.docker("nas"), name) {
                state = "running healthy"
            } else {
                state = "BAD: \(containers.keys.sorted())"
            }
            table += step.padding(toLength: 12, withPad: " ", startingAt: 0) + (killed ? "yes     " : "NO      ")
                + state.padding(toLength: 27, withPad: " ", startingAt: 0) + "\(open)\n"
            let expected = image == "lab/app:broken" ? "no container" : "running healthy"
            if !killed || state != expected || open != 0 { failures.append("\(step): \(second.output)") }
            if image == "lab/app:broken" {
                #expect(second.status != 0 && second.output.contains("rolled"), "\(second.output)")
            }
        }
        print(table)
        #expect(failures.isEmpty, "\(table)\n\(failures.joined(separator: "\n"))")
    }
}
