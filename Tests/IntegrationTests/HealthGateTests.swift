import Controller
import Docker
import Foundation
import Store
import Testing

/// Issue 5 on the lab: the health gate rolls bad images back, waits out slow ones, and fails fast on exits.
@Suite("Health gate on the lab", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct HealthGateTests {
    @Test(arguments: LabEngine.allCases)
    func failingHealthcheckRollsBackToTheSameContainerAndHoldsTheConfigBack(engine: LabEngine) async throws {
        let repo = try TestRepo(engine: engine)
        defer { repo.cleanUp() }
        let port = HealthSupport.port(), name = "\(repo.stack("gate"))-app-1"
        let lines = ["ports: [\"127.0.0.1:\(port):8080\"]"]
        try HealthSupport.writeApp(repo, "gate", image: "lab/app:1", lines: lines)
        try repo.commit("v1")
        let first = try await repo.cli(["--once"])
        #expect(first.status == 0, "\(first.output)")
        let nas = try repo.docker("nas")
        let old = try await nas.inspectContainer(name)

        try HealthSupport.writeApp(repo, "gate", image: "lab/app:broken", lines: lines)
        try repo.commit("broken release")
        let bad = try await repo.cli(["--once"])
        #expect(bad.status != 0, "a rolled-back pass must fail: \(bad.output)")
        let after = try await nas.inspectContainer(name)
        #expect(after.id == old.id && after.state.running, "the old container serves again")
        #expect(after.hostConfig?.portBindings?["8080/tcp"]?.first?.hostPort == "\(port)")
        #expect(try HealthSupport.fetch(port: port, netns: repo.netns("nas")).contains("lab app 1"))
        #expect(HealthSupport.leftovers(try await repo.containers("gate", on: "nas").keys).isEmpty)
        let revision = try #require(try await HealthSupport.revisions(repo, "gate").first)
        #expect(revision.outcome == .rolledBack)
        #expect(revision.healthLog.contains { $0.contains("broken on purpose") }, "\(revision.healthLog)")

        let held = try await repo.cli(["--once"])
        #expect(held.output.contains("held back after rollback"), "\(held.output)")
        let untouched = try await nas.inspectContainer(name)
        #expect(untouched.id == old.id && untouched.state.startedAt == after.state.startedAt)
        #expect(try await HealthSupport.revisions(repo, "gate").count == 2, "a held-back pass records nothing new")

        let retry = try await repo.cli(["apply", "--retry", repo.stack("gate")])
        #expect(retry.output.contains("recreate app") && retry.output.contains("rolled"), "\(retry.output)")
        #expect(try await HealthSupport.revisions(repo, "gate").first?.outcome == .rolledBack)
        #expect(try await HealthSupport.revisions(repo, "gate").count == 3, "--retry tried the held config again")
        #expect(try await nas.inspectContainer(name).id == old.id)
    }

    @Test func slowStartingImageIsAcceptedOnceHealthy() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let name = "\(repo.stack("slow"))-app-1"
        try HealthSupport.writeApp(repo, "slow", image: "lab/app:1")
        try repo.commit("v1")
        #expect(try await repo.cli(["apply"]).status == 0)

        try HealthSupport.writeApp(repo, "slow", image: "lab/app:slow",
                                   lines: ["environment: {SLOW_SECONDS: \"8\"}"], health: "{min_ready: 1s, timeout: 40s}",
                                   healthcheck: "{start_period: 15s, interval: 1s, timeout: 10s, retries: 4}")
        try repo.commit("slow release")
        let started = Date()
        let slow = try await repo.cli(["apply"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(slow.status == 0, "\(slow.output)")
        #expect(elapsed >= 8, "the gate waited for the healthcheck (\(elapsed)s)")
        let nas = try repo.docker("nas")
        let running = try await nas.inspectContainer(name)
        #expect(running.image == (try await nas.inspectImage("lab/app:slow").id))
        #expect(running.state.health?.status == "healthy")
        #expect(try await HealthSupport.revisions(repo, "slow").first?.outcome == .applied)
    }

    @Test func containerThatExitsFailsTheGateAtOnceNotAfterTheTimeout() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let name = "\(repo.stack("exit"))-app-1"
        let health = "{min_ready: 30s, timeout: 60s}"
        try HealthSupport.writeApp(repo, "exit", image: "lab/busybox:1", lines: ["command: sleep 3600"], health: health,
                                   healthcheck: "{disable: true}")
        try repo.commit("v1")
        let first = try await repo.cli(["apply"])
        #expect(first.status == 0, "\(first.output)")
        let old = try await repo.docker("nas").inspectContainer(name)

        try HealthSupport.writeApp(repo, "exit", image: "lab/busybox:1", lines: ["command: sh -c \"exit 3\""],
                                   health: health, healthcheck: "{disable: true}")
        try repo.commit("exits at once")
        let started = Date()
        let exits = try await repo.cli(["apply"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(exits.status != 0)
        #expect(exits.output.contains("exited with code 3"), "\(exits.output)")
        #expect(elapsed < 15, "failed after \(elapsed)s, min_ready is 30s and the timeout 60s")
        let now = try await repo.docker("nas").inspectContainer(name)
        #expect(now.id == old.id && now.state.running)
    }
    /// `min_ready: 0s` is `up --wait`'s check: running right after start passes, without watching events.
    @Test func zeroMinReadyAcceptsARunningContainerWithoutWatchingEvents() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let name = "\(repo.stack("ready0"))-app-1"
        func write(_ seconds: Int) throws {
            try HealthSupport.writeApp(repo, "ready0", image: "lab/busybox:1", lines: ["command: sleep \(seconds)"],
                                       health: "{min_ready: 0s}", healthcheck: "{disable: true}")
        }
        try write(3600)
        try repo.commit("v1")
        #expect(try await repo.cli(["apply"]).status == 0)
        let nas = try repo.docker("nas")
        let old = try await nas.inspectContainer(name)

        try write(3601)
        try repo.commit("v2")
        let trace = repo.root.appendingPathComponent("requests.log").path
        let applied = try await repo.cli(["apply"], environment: ["RECONCILE_TRACE_REQUESTS": trace])
        #expect(applied.status == 0, "\(applied.output)")
        let now = try await nas.inspectContainer(name)
        #expect(now.id != old.id && now.state.running && now.config.cmd == ["sleep", "3601"])
        #expect(try await HealthSupport.revisions(repo, "ready0").first?.outcome == .applied)
        #expect(HealthSupport.leftovers(try await repo.containers("ready0", on: "nas").keys).isEmpty)
        let requests = try String(contentsOfFile: trace, encoding: .utf8)
        #expect(requests.contains("/containers/\(now.id)/start"), "\(requests)")
        #expect(!requests.contains("/events"), "\(requests)")
    }
}
