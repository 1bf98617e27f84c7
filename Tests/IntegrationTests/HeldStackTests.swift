import Controller
import Docker
import Foundation
import Testing

/// Design invariants 3 and 5 on the lab: a stack with errors is held exactly as it runs while the others are
/// applied; the pass names the file:line:col and exits non-zero; once fixed, the next pass applies it. An error
/// that belongs to no stack (a host file) still stops everything.
@Suite("Held stacks", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct HeldStackTests {
    static func compose(_ command: String) -> String {
        "x-reconcile: {hosts: [nas], health: {min_ready: 0s}}\nservices:\n  app: {image: lab/busybox:1, command: [sleep, '\(command)']}\n"
    }

    @Test func aYAMLErrorHoldsItsStackAsItRunsAndTheOtherStackIsUpdated() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try repo.writeStack("good", Self.compose("3600"))
        try repo.writeStack("broken", Self.compose("3600"))
        try repo.commit("two stacks")
        let first = try await repo.cli(["apply"])
        #expect(first.status == 0, "\(first.output)")
        let good = try await repo.containers("good", on: "nas").mapValues(\.id)
        let broken = try await repo.containers("broken", on: "nas").mapValues(\.id)
        #expect(good.count == 1 && broken.count == 1)

        let file = "stacks/\(repo.stack("broken"))/compose.yaml"
        try repo.write(file, "x-reconcile: {hosts: [nas], health: {min_ready: 0s}}\nservices:\n  app: [unclosed\n")
        try repo.writeStack("good", Self.compose("7200"))
        try repo.commit("break one, change the other")

        let plan = try await repo.cli(["plan"])
        #expect(plan.status != 0, "\(plan.output)")
        #expect(plan.output.contains("\(file):4:1: error"), "\(plan.output)")
        #expect(plan.output.contains("\(repo.stack("broken")): held"), "\(plan.output)")
        #expect(plan.output.contains("recreate app"), "\(plan.output)")

        let apply = try await repo.cli(["apply"])
        #expect(apply.status != 0, "a held stack is not in sync: \(apply.output)")
        #expect(apply.output.contains("\(file):4:1: error"), "\(apply.output)")
        #expect(apply.output.contains("1 stack with errors held (\(repo.stack("broken")))"), "\(apply.output)")
        let updated = try await repo.containers("good", on: "nas")
        #expect(updated.mapValues(\.id) != good, "the good stack was updated")
        #expect(updated.values.allSatisfy { $0.state == "running" })
        let held = try await repo.containers("broken", on: "nas")
        #expect(held.mapValues(\.id) == broken, "the broken stack's containers were not touched")
        #expect(held.values.allSatisfy { $0.state == "running" })

        // Fixed, with a change: the next pass applies it and succeeds.
        try repo.writeStack("broken", Self.compose("5400"))
        try repo.commit("fix it")
        let fixed = try await repo.cli(["apply"])
        #expect(fixed.status == 0, "\(fixed.output)")
        #expect(try await repo.containers("broken", on: "nas").mapValues(\.id) != broken)
    }

    @Test func aBrokenHostFileStillStopsEveryStack() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try repo.writeStack("app", Self.compose("3600"))
        try repo.commit("one stack")
        #expect(try await repo.cli(["apply"]).status == 0)
        let running = try await repo.containers("app", on: "nas").mapValues(\.id)

        let endpoint = try String(contentsOf: repo.root.appendingPathComponent("hosts/nas.yaml"), encoding: .utf8)
        try repo.write("hosts/nas.yaml", endpoint + "labels: [oops\n")
        try repo.writeStack("app", Self.compose("7200"))
        try repo.commit("break the host file")
        let apply = try await repo.cli(["apply"])
        #expect(apply.status != 0, "\(apply.output)")
        #expect(apply.output.contains("hosts/nas.yaml:"), "\(apply.output)")
        #expect(apply.output.contains("nothing was applied"), "\(apply.output)")
        #expect(try await repo.containers("app", on: "nas").mapValues(\.id) == running)
    }
}
