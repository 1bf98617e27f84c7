import Controller
import Foundation
import Logging
import Store
import Testing
@testable import Server

/// Issue 16: `reconcile rollback` started while the daemon is mid-rollout waits for the daemon's pass (one writer
/// per state directory), then rolls back what it applied: one consistent result, no leftovers.
@Suite(.serialized, .enabled(if: Lab.enabled, "needs `scripts/lab up` and RECONCILE_LAB=1"))
struct DaemonRollbackLockTests {
    static func stack(image: String, minReady: String) -> String {
        """
        x-reconcile: {hosts: [nas], health: {min_ready: \(minReady), timeout: 30s}}
        services:
          web: {image: \(image), stop_grace_period: 1s, healthcheck: {disable: true}}
        """
    }

    @Test func rollbackWaitsForTheDaemonsRolloutAndWins() async throws {
        let unique = "l" + UUID().uuidString.prefix(8).lowercased()
        let stack = "lock\(unique)", instance = "it-\(unique)", name = "lock\(unique)-web-1"
        let repo = try await GitTestRepo.make(hosts: "endpoint: unix://\(Lab.nasSocket)\nvlan: main\n")
        defer { repo.remove(); Lab.removeStack(stack) }
        try repo.write("stacks/\(stack)/compose.yaml", Self.stack(image: "lab/app:1", minReady: "1s"))
        let first = try await repo.commitAndPush("v1")

        var logger = Logger(label: "lab-daemon-lock")
        logger.logLevel = .warning
        let state = repo.root.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let controller = ControllerSettings(repository: repo.work, stateDirectory: state, environment: [:], instance: instance)
        let daemon = try await RunningDaemon.start(
            settings: DaemonSettings(interval: .seconds(3600), gitPoll: .milliseconds(300), imageSecret: Secret("img")),
            source: GitSource(url: repo.bare.path, branch: "main", stateDirectory: state, environment: [:], logger: logger),
            runner: ControllerPassRunner(settings: controller, logger: logger))
        defer { Task { await daemon.stop() } }
        let status = { await daemon.daemon.state.status() }
        #expect(await eventually(60) { let now = await status(); return now.commit == first && now.lastPass?.outcome == .success })

        // The next release must run 10 s before the gate passes: the daemon is mid-rollout meanwhile.
        try repo.write("stacks/\(stack)/compose.yaml", Self.stack(image: "lab/app:2", minReady: "10s"))
        let second = try await repo.commitAndPush("v2")
        #expect(await eventually(60) { Lab.containerID("\(name).prev") != nil }, "the daemon never started the rollout")

        // An operator's rollback from their own clone of the same repository, on the same state directory.
        let binary = Lab.packageRoot.appendingPathComponent(".build/debug/reconcile").path
        let rollback = try await Self.cli(binary, ["rollback", stack, "--repo", repo.work.path, "--state-dir", state.path,
                                                   "--instance", instance])
        #expect(rollback.status == 0, "\(rollback.output)")
        #expect(rollback.output.contains("waiting for the state directory: pid \(getpid())"), "\(rollback.output)")
        #expect(await eventually(30) { let now = await status(); return now.commit == second && now.lastPass?.outcome == .success })

        #expect(Lab.containerID("\(name).prev") == nil && Lab.containerID("\(name).next") == nil)
        #expect(Lab.isRunning(name))
        #expect((try? Lab.docker(["exec", name, "cat", "/app/version"])) == "1", "the rollback came last")
        #expect(try await Store(stateDirectory: state).unfinishedOperations().isEmpty)
        let revisions = try await Controller(settings: controller, logger: logger)
            .history(hosts: ["nas"], stacks: [stack], limit: 10).revisions
        #expect(revisions.map(\.trigger).prefix(2) == [.rollback, .git], "\(revisions.map(\.trigger))")
        await daemon.stop()
    }

    /// Runs the built binary on a thread of its own; stdout and stderr together.
    static func cli(_ binary: String, _ args: [String]) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: binary)
                    process.arguments = args
                    let pipe = Pipe()
                    process.standardOutput = pipe
                    process.standardError = pipe
                    try process.run()
                    let data = pipe.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
                })
            }.start()
        }
    }
}
