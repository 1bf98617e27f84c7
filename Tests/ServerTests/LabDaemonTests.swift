import Controller
import Foundation
import Logging
import Notify
import Testing
@testable import Server

/// End to end on the shared lab: a daemon in-process follows a real bare repo and the lab registry.
@Suite(.serialized, .enabled(if: Lab.enabled, "needs `scripts/lab up` and RECONCILE_LAB=1"))
struct LabDaemonTests {
    static let hosts = "endpoint: unix://\(Lab.nasSocket)\nvlan: main\n"

    static func stack(image: String, sideValue: String) -> String {
        """
        x-reconcile:
          hosts: [nas]
          health:
            min_ready: 1s
        services:
          web:
            image: \(image)
          side:
            image: lab/busybox:1
            command: ["sh", "-c", "while true; do sleep 30; done"]
            environment:
              SIDE: "\(sideValue)"
        """
    }

    @Test func pushesImagesAndBadCommitsEndToEnd() async throws {
        let unique = "d" + UUID().uuidString.prefix(8).lowercased()
        let stack = "srv\(unique)", image = "127.0.0.1:5000/lab/app:\(unique)"
        let repo = try await GitTestRepo.make(hosts: Self.hosts)
        defer { repo.remove(); Lab.removeStack(stack) }
        // Pushed from the iot engine, so nas sees a new version only by pulling it.
        let iot = ["-H", "unix://\(Lab.directory)/iot/docker.sock"]
        try Lab.run("/usr/bin/docker", iot + ["tag", "lab/app:1", image])
        try Lab.run("/usr/bin/docker", iot + ["push", image])
        try repo.write("stacks/\(stack)/compose.yaml", Self.stack(image: image, sideValue: "1"))
        let first = try await repo.commitAndPush("first")

        var logger = Logger(label: "lab-daemon")
        logger.logLevel = .warning
        let state = repo.root.appendingPathComponent("state")
        // Scoped to this test's stack: the lab is shared, and an unscoped pass removes stacks its repo lacks.
        let controller = ControllerSettings(repository: repo.work, stateDirectory: state, stackFilter: [stack],
                                            environment: [:])
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        // Notifications of refused commits go to a real HTTP receiver, as reconcile.yaml would configure.
        let catcher = try await PostCatcher.start()
        let (config, problems) = NotificationConfig.parse("""
            notifications:
              - {type: webhook, url: "http://127.0.0.1:\(catcher.port)/hook", on: [invalid]}
            """, environment: [:])
        #expect(problems.isEmpty, "\(problems)")
        let notifier = Notifier(config: config, logger: logger)
        let daemon = try await RunningDaemon.start(
            settings: DaemonSettings(interval: .seconds(3600), gitPoll: .milliseconds(300), imageSecret: Secret("img")),
            source: GitSource(url: repo.bare.path, branch: "main", stateDirectory: state, environment: [:], logger: logger),
            runner: ControllerPassRunner(settings: controller, logger: logger),
            hooks: DaemonHooks(onInvalidCommit: { await notifier.notifyInvalidCommit(commit: $0.commit, diagnostics: $0.errors) }))
        defer { Task { await daemon.stop() } }
        let status = { await daemon.daemon.state.status() }

        #expect(await eventually(60) {
            let now = await status()
            return now.commit == first && now.lastPass?.outcome == .success
        })
        let webName = "\(stack)-web-1", sideName = "\(stack)-side-1"
        #expect(Lab.isRunning(webName) && Lab.isRunning(sideName))
        let api = try await daemon.request("GET", "/api/status")
        #expect(api.body.contains(first))

        // A new version under the same tag, announced by the generic signed hook: only `web` is recreated.
        let (web1, side1) = (Lab.containerID(webName), Lab.containerID(sideName))
        try Lab.run("/usr/bin/docker", iot + ["tag", "lab/app:2", image])
        try Lab.run("/usr/bin/docker", iot + ["push", image])
        let body = Data(#"{"image":"127.0.0.1:5000/lab/app","tag":"\#(unique)"}"#.utf8)
        let hook = try await daemon.request("POST", "/hooks/image", headers: [
            "X-Reconcile-Signature": SignatureCheck.genericSignatureHeader(body: body, secret: Secret("img")),
        ], body: body)
        #expect(hook.status == 202)
        #expect(await eventually(60) {
            let served = await status().lastPass?.triggers.contains("image:\(image)") == true
            return served && Lab.containerID(webName) != web1
        })
        #expect(await eventually(30) { Lab.isRunning(webName) })
        #expect(Lab.containerID(sideName) == side1)
        #expect((try? Lab.docker(["exec", webName, "cat", "/app/version"])) == "2")

        // A commit found by the ls-remote poll is applied.
        try repo.write("stacks/\(stack)/compose.yaml", Self.stack(image: image, sideValue: "2"))
        let second = try await repo.commitAndPush("second")
        #expect(await eventually(60) { await status().commit == second })
        #expect(Lab.containerID(sideName) != side1)

        // A commit whose only error is in this stack: the stack is held as it runs (the commit is applied for
        // any other stack), reported and notified once, nothing stopped.
        let running = (Lab.containerID(webName), Lab.containerID(sideName))
        try repo.write("stacks/\(stack)/compose.yaml", "services:\n  web: [\n")
        let bad = try await repo.commitAndPush("bad")
        #expect(await eventually(60) { await status().commit == bad })
        let metrics = try await daemon.request("GET", "/metrics").body
        #expect(metrics.contains("reconcile_invalid_commits_total 1"))
        #expect(await status().invalidCommit == nil)
        #expect(await status().heldStacks.map(\.stack) == [stack])
        #expect(await status().heldStacks.first?.error.hasPrefix("stacks/\(stack)/compose.yaml:3:1: error: ") == true)
        #expect(Lab.isRunning(webName) && Lab.isRunning(sideName))
        #expect(Lab.containerID(webName) == running.0 && Lab.containerID(sideName) == running.1)
        #expect(await eventually(30) { catcher.received.contains(bad) }, "notification: \(catcher.received)")
        #expect(catcher.received.hasPrefix("/hook "))
        await daemon.stop()
    }
}
