import Foundation
import Testing

/// The command line's rough edges (issue 23): what a person types first, and what only looks.
@Suite("The command line", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct CommandLineTests {
    @Test func bareReconcilePrintsHelpAndSucceeds() async throws {
        let result = try await runAsync(TestRepo.binary.path, [])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("OVERVIEW:"))
        #expect(result.output.contains("SUBCOMMANDS:"))
    }

    @Test func planLooksWithoutCreatingState() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try repo.writeStack("look", """
        x-reconcile: {hosts: [nas]}
        services:
          app:
            image: lab/busybox:1
            command: ["sh", "-c", "sleep 3600"]
            environment: {TOKEN: plan-only-secret}
        """)
        try repo.commit("look")
        let plan = try await repo.cli(["plan"])
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.output.contains("create"), "\(plan.output)")
        #expect(!FileManager.default.fileExists(atPath: repo.state.path), "plan created \(repo.state.path)")
        let history = try await repo.cli(["history"])
        #expect(history.status == 0, "\(history.output)")
        #expect(!FileManager.default.fileExists(atPath: repo.state.path), "history created \(repo.state.path)")

        let apply = try await repo.cli(["apply"])
        #expect(apply.status == 0, "\(apply.output)")
        #expect(FileManager.default.fileExists(atPath: repo.state.appendingPathComponent("reconcile.sqlite").path))
    }

    @Test func historyTakesEveryHostAndStackGiven() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        for (name, host) in [("one", "nas"), ("two", "iot"), ("three", "nas")] {
            try repo.writeStack(name, """
            x-reconcile: {hosts: [\(host)]}
            services:
              app:
                image: lab/busybox:1
                command: ["sh", "-c", "sleep 3600"]
            """)
        }
        try repo.commit("three stacks")
        let apply = try await repo.cli(["apply"])
        #expect(apply.status == 0, "\(apply.output)")

        let both = try await repo.cli(["history", "--host", "nas", "--host", "iot", "--output", "json"])
        #expect(both.status == 0, "\(both.output)")
        for name in ["one", "two", "three"] { #expect(both.output.contains(repo.stack(name)), "\(name): \(both.output)") }

        let some = try await repo.cli(["history", "--stack", repo.stack("one"), "--stack", repo.stack("two"), "--output", "json"])
        #expect(some.output.contains(repo.stack("one")) && some.output.contains(repo.stack("two")), "\(some.output)")
        #expect(!some.output.contains(repo.stack("three")), "\(some.output)")
    }

    @Test func daemonRefusesABadRegistryPollBeforeTouchingAnything() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try repo.commit("empty")
        let flag = try await repo.cli(["daemon", "--registry-poll", "sometimes"])
        #expect(flag.status != 0)
        #expect(flag.output.contains("sometimes"), "\(flag.output)")
        let fromEnvironment = try await repo.cli(["daemon"], environment: ["RECONCILE_REGISTRY_POLL": "sometimes"])
        #expect(fromEnvironment.status != 0)
        #expect(fromEnvironment.output.contains("RECONCILE_REGISTRY_POLL takes on or off"), "\(fromEnvironment.output)")
        #expect(!FileManager.default.fileExists(atPath: repo.state.path), "the refused daemon created its state directory")
    }
}
