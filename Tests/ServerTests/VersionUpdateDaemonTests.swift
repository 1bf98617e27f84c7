import Controller
import Foundation
import Logging
import Registry
import Store
import Testing
@testable import Server

/// Issue 19 in the daemon, on the lab: a version pushed to the lab registry is found on the registry tick;
/// `mode: auto` commits and pushes it to the bare repo the daemon follows and the git sync deploys it;
/// `mode: approve` waits, listed in `/api/status`.
@Suite(.serialized, .enabled(if: Lab.enabled, "needs `scripts/lab up` and RECONCILE_LAB=1"))
struct VersionUpdateDaemonTests {
    static let hosts = "endpoint: unix://\(Lab.nasSocket)\nvlan: main\n"

    static func stack(image: String, mode: String) -> String {
        """
        x-reconcile:
          hosts: [nas]
          health: {min_ready: 1s}
          updates: {policy: semver, allow: minor, mode: \(mode), interval: 1h}
        services:
          web:
            image: \(image):1.2.0
            stop_grace_period: 1s
        """
    }

    @Test func autoCommitsPushesAndDeploysApproveWaitsInTheStatus() async throws {
        let unique = "v" + UUID().uuidString.prefix(8).lowercased()
        let auto = "auto\(unique)", approve = "appr\(unique)", image = "127.0.0.1:5000/it-\(unique)/app"
        let repo = try await GitTestRepo.make(hosts: Self.hosts)
        defer { repo.remove(); Lab.removeStack(auto); Lab.removeStack(approve) }
        for (tag, source) in [("1.2.0", "lab/app:1"), ("1.3.0", "lab/app:2"), ("2.0.0", "lab/app:2")] {
            try Lab.docker(["tag", source, "\(image):\(tag)"])
            try Lab.docker(["push", "\(image):\(tag)"])
        }
        try repo.write("stacks/\(auto)/compose.yaml", Self.stack(image: image, mode: "auto"))
        try repo.write("stacks/\(approve)/compose.yaml", Self.stack(image: image, mode: "approve"))
        let first = try await repo.commitAndPush("two stacks on 1.2.0")

        let daemon = try await RunningDaemon.watchingVersions(repo, stacks: [auto, approve])
        defer { Task { await daemon.stop() } }

        let subject = "web: \(image) 1.2.0 → 1.3.0 (minor)"
        let deployed = await eventually(60) {
            let running = try? Lab.docker(["inspect", "-f", "{{.Config.Image}}", "\(auto)-web-1"])
            let status = await daemon.daemon.state.status()
            return running == "\(image):1.3.0" && status.commit != first && status.lastPass?.outcome == .success
        }
        let shown = await daemon.daemon.state.status()
        #expect(deployed, """
            the auto stack runs 1.3.0 from the pushed commit: \((try? Lab.docker(["inspect", "-f", "{{.Config.Image}}", "\(auto)-web-1"])) ?? "none"), \
            commit \(shown.commit ?? "none"), last pass \(String(describing: shown.lastPass)), error \(shown.lastPassError ?? "none")
            """)
        let log = try Lab.run("/usr/bin/env", ["git", "-C", repo.bare.path, "log", "--format=%s", "main"])
        #expect(log.split(separator: "\n").map(String.init) == [subject, "two stacks on 1.2.0"], "\(log)")
        #expect((try? Lab.docker(["inspect", "-f", "{{.Config.Image}}", "\(approve)-web-1"])) == "\(image):1.2.0")

        let status = await daemon.daemon.state.status()
        let pending = status.updates.filter { $0.stack == approve }
        #expect(pending.map(\.candidateTag) == ["1.3.0"] && pending.first?.state == .pending, "\(status.updates)")
        let api = try await daemon.request("GET", "/api/status")
        #expect(api.body.contains("\"candidateTag\"") && api.body.contains(approve), "\(api.body)")
    }

    /// `--updates-branch`: the commit lands on that branch of the remote, the followed branch and the running
    /// container stay as they were, and the version deploys only once someone merges the branch.
    @Test func updatesBranchHoldsTheCommitUntilMerged() async throws {
        let unique = "b" + UUID().uuidString.prefix(8).lowercased()
        let stack = "brch\(unique)", image = "127.0.0.1:5000/it-\(unique)/app"
        let repo = try await GitTestRepo.make(hosts: Self.hosts)
        defer { repo.remove(); Lab.removeStack(stack) }
        for (tag, source) in [("1.2.0", "lab/app:1"), ("1.3.0", "lab/app:2")] {
            try Lab.docker(["tag", source, "\(image):\(tag)"])
            try Lab.docker(["push", "\(image):\(tag)"])
        }
        try repo.write("stacks/\(stack)/compose.yaml", Self.stack(image: image, mode: "auto"))
        let first = try await repo.commitAndPush("on 1.2.0")

        var settings = DaemonSettings()
        settings.updatesBranch = "reconcile/updates"
        let daemon = try await RunningDaemon.watchingVersions(repo, stacks: [stack], settings: settings)
        defer { Task { await daemon.stop() } }

        func log(_ branch: String) -> [String] {
            ((try? Lab.run("/usr/bin/env", ["git", "-C", repo.bare.path, "log", "--format=%s", branch])) ?? "")
                .split(separator: "\n").map(String.init)
        }
        func running() -> String? { try? Lab.docker(["inspect", "-f", "{{.Config.Image}}", "\(stack)-web-1"]) }
        let subject = "web: \(image) 1.2.0 → 1.3.0 (minor)"
        let landed = await eventually(60) {
            let pushed = await daemon.daemon.state.status().updates.isEmpty
            return log("reconcile/updates") == [subject, "on 1.2.0"] && pushed
        }
        #expect(landed, "the commit is on reconcile/updates: \(log("reconcile/updates"))")
        #expect(log("main") == ["on 1.2.0"], "the followed branch is untouched")
        let deployedFirst = await eventually(30) {
            let commit = await daemon.daemon.state.status().commit
            return running() == "\(image):1.2.0" && commit == first
        }
        let shown = await daemon.daemon.state.status().commit
        #expect(deployedFirst, "1.2.0 runs from main's \(first), the daemon shows \(shown ?? "no commit")")

        // A person merges the branch; the next pass (a git trigger, as a webhook would bring) deploys it.
        let merged = try Lab.run("/usr/bin/env", ["git", "-C", repo.work.path, "pull", "--quiet", "--ff-only", "origin",
                                                  "reconcile/updates"])
        _ = try Lab.run("/usr/bin/env", ["git", "-C", repo.work.path, "push", "--quiet", "origin", "HEAD:main"])
        await daemon.daemon.queue.submit(Trigger(kind: .git, detail: "merged"))
        let deployed = await eventually(60) { running() == "\(image):1.3.0" }
        #expect(deployed, "1.3.0 runs once merged: \(running() ?? "none") \(merged)")
        #expect(log("main") == [subject, "on 1.2.0"])
    }
}
