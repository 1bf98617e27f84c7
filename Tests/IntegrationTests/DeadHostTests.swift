import Controller
import Foundation
import Testing

/// A dead host never stops the others; it is reported, and converges when it is back.
@Suite("A host that dies", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct DeadHostTests {
    @Test func otherHostsConvergeAndTheDeadOneIsReportedThenCaughtUp() async throws {
        let engine = ScratchEngine(name: String(UUID().uuidString.prefix(6).lowercased()))
        defer { engine.destroy() }
        try await engine.start()
        let repo = try TestRepo(hosts: ["nas": "unix://" + (try Lab.load().value("NAS_SOCK")), "spare": engine.endpoint])
        defer { repo.cleanUp() }
        try await engine.load(["lab/busybox:1"], from: repo.lab)
        func stacks(_ version: String) throws {
            for (name, host) in [("main", "nas"), ("side", "spare")] {
                try repo.writeStack(name, """
                x-reconcile: {hosts: [\(host)], health: {min_ready: 1s}}
                services:
                  app: {image: lab/busybox:1, command: sleep 3600, environment: {VERSION: "\(version)"}}
                """)
            }
        }
        try stacks("1")
        try repo.commit("v1")
        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)

        await engine.kill()
        try stacks("2")
        try repo.commit("v2")
        let started = ContinuousClock.now
        let cli = try await repo.cli(["apply"])
        #expect(cli.status != 0, "a pass with a dead host must fail: \(cli.output)")
        #expect(cli.output.contains("spare (\(engine.endpoint)): unreachable"), "\(cli.output)")
        #expect(cli.output.contains("\(repo.stack("main")): applied"), "\(cli.output)")
        #expect(ContinuousClock.now - started < .seconds(20), "the dead host must fail fast")
        let main = try await repo.containers("main", on: "nas")
        let env = try await repo.docker("nas").inspectContainer("\(repo.stack("main"))-app-1").config.env ?? []
        #expect(main.count == 1 && env.contains("VERSION=2"))

        try await engine.start()
        let back = try await repo.cli(["apply"])
        #expect(back.status == 0, "\(back.output)")
        #expect(back.output.contains("~ recreate app (\(repo.stack("side"))-app-1): environment VERSION changed"),
                "\(back.output)")
        #expect(back.output.contains("\(repo.stack("main")): in sync"), "\(back.output)")
        await engine.shutdown()
    }
}
