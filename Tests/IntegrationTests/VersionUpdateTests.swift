import Controller
import Foundation
import Logging
import Server
import Store
import Testing

/// Issue 19 on the lab: version tags pushed to the lab registry, a real bare git remote, and the `reconcile`
/// binary: an allowed version is committed where the tag is written, pushed, and deployed by the next pass.
@Suite("Version updates through git", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct VersionUpdateTests {
    /// The issue's tags, each a lab image: 1.3.0 and later serve version 2.
    static let published = [("1.2.0", "lab/app:1"), ("1.2.1", "lab/app:1"), ("1.3.0", "lab/app:2"),
                            ("2.0.0", "lab/app:2"), ("1.3.0-rc1", "lab/app:2"), ("1.3.1-alpine", "lab/app:2")]

    /// Pushes the tags under `it-<suffix>/app` of the lab registry; returns the repository's name there.
    static func pushTags(_ repo: TestRepo, _ tags: [(String, String)] = published) async throws -> String {
        let image = "\(try repo.lab.value("REGISTRY"))/it-\(repo.suffix)/app"
        let nas = "docker -H unix://" + (try repo.lab.value("NAS_SOCK"))
        let script = tags.map { tag, source in "\(nas) tag \(source) \(image):\(tag) && \(nas) push -q \(image):\(tag) >/dev/null" }
            .joined(separator: " && ")
        let pushed = try await runAsync("/bin/bash", ["-c", script])
        #expect(pushed.status == 0, "\(pushed.output)")
        return image
    }

    /// A bare repository next to the test repo, as its `origin`, with `main` pushed.
    static func addRemote(_ repo: TestRepo) throws -> URL {
        let remote = repo.root.appendingPathExtension("remote.git")
        try run("/usr/bin/env", ["git", "init", "-q", "--bare", "-b", "main", remote.path])
        try repo.git("remote", "add", "origin", remote.path)
        try repo.git("push", "-q", "origin", "main")
        return remote
    }

    static func remoteLog(_ remote: URL) throws -> [String] {
        try run("/usr/bin/env", ["git", "-C", remote.path, "log", "--format=%s", "main"]).output
            .split(separator: "\n").map(String.init)
    }

    static func file(_ repo: TestRepo, _ path: String) throws -> String {
        try String(contentsOf: repo.root.appendingPathComponent(path), encoding: .utf8)
    }

    static func compose(image: String, tag: String, updates: String) -> String {
        """
        # The web front end; bumped by reconcile.
        x-reconcile:
          hosts: [nas]
          health: {min_ready: 1s, timeout: 30s}
          updates: \(updates)
        services:
          web:
            image: "\(image):\(tag)"   # keep quoted
            stop_grace_period: 1s
            healthcheck: \(HealthSupport.tolerantCheck)
        """
    }

    @Test func allowedVersionsAreCommittedWhereWrittenPushedAndDeployed() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let image = try await Self.pushTags(repo)
        let minorCompose = Self.compose(image: image, tag: "1.2.0", updates: "{policy: semver, allow: minor, mode: auto}")
        try repo.writeStack("web", minorCompose)
        // The tag in `.env`, the image line only names the variable.
        let patchCompose = Self.compose(image: image, tag: "${APP_TAG}", updates: "{policy: semver, allow: patch, mode: auto}")
        try repo.writeStack("api", patchCompose)
        let dotEnv = "# pinned for the api\nAPP_TAG=1.2.0   # bumped by reconcile\nOTHER=1.2.0\n"
        try repo.write("stacks/\(repo.stack("api"))/.env", dotEnv)
        try repo.commit("web and api")
        let remote = try Self.addRemote(repo)
        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)

        let listed = try await repo.cli(["updates"])
        #expect(listed.status == 0, "\(listed.output)")
        #expect(listed.output.contains("\(image) 1.2.0 → 1.3.0  (minor, mode auto)  pending"), "\(listed.output)")
        #expect(listed.output.contains("\(image) 1.2.0 → 1.2.1  (patch, mode auto)  pending"), "\(listed.output)")
        #expect(listed.output.contains("stacks/\(repo.stack("api"))/.env:2:9"), "\(listed.output)")
        #expect(try Self.remoteLog(remote).count == 1, "listing commits nothing")

        let committed = try await repo.cli(["updates", "--commit"])
        #expect(committed.status == 0, "\(committed.output)")
        let log = try Self.remoteLog(remote)
        #expect(log.contains("web: \(image) 1.2.0 → 1.3.0 (minor)"), "\(log)")
        #expect(log.contains("web: \(image) 1.2.0 → 1.2.1 (patch)"), "\(log)")
        // Only the tag's bytes changed: comments, quotes and the other variable stay.
        #expect(try Self.file(repo, "stacks/\(repo.stack("web"))/compose.yaml")
                == minorCompose.replacingOccurrences(of: ":1.2.0\"", with: ":1.3.0\""))
        #expect(try Self.file(repo, "stacks/\(repo.stack("api"))/compose.yaml") == patchCompose)
        #expect(try Self.file(repo, "stacks/\(repo.stack("api"))/.env")
                == "# pinned for the api\nAPP_TAG=1.2.1   # bumped by reconcile\nOTHER=1.2.0\n")
        #expect(try repo.git("status", "--porcelain", "--untracked-files=no").isEmpty, "everything edited is committed")

        let deployed = try await repo.controller().apply(ApplyRequest())
        #expect(deployed.succeeded, "\(deployed.renderText())")
        let web = try await repo.docker("nas").inspectContainer("\(repo.stack("web"))-web-1")
        #expect(web.config.image == "\(image):1.3.0")
        let api = try await repo.docker("nas").inspectContainer("\(repo.stack("api"))-web-1")
        #expect(api.config.image == "\(image):1.2.1")

        let again = try await repo.cli(["updates"])
        #expect(again.output.contains("No version updates"), "1.3.0 is the newest minor, 1.2.1 the newest patch: \(again.output)")
    }

    @Test func approveModeCommitsNothingUntilApprovedAndSkipStays() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let image = try await Self.pushTags(repo, Array(Self.published.prefix(3)))
        try repo.writeStack("web", Self.compose(image: image, tag: "1.2.0", updates: "{policy: semver, allow: patch}"))
        try repo.writeStack("db", Self.compose(image: image, tag: "1.2.0", updates: "{policy: semver, allow: minor, mode: approve}"))
        try repo.commit("two stacks")
        let remote = try Self.addRemote(repo)
        let run = UpdatesCommandRun(controller: try repo.controller(), logger: Logger(label: "it"))

        let listed = try await run.run(.list(commit: true))
        #expect(listed.updates.count == 2 && listed.updates.allSatisfy { $0.state == .pending }, "\(listed.renderText())")
        #expect(listed.done.isEmpty, "approve is the default mode: --commit commits nothing")
        #expect(try Self.remoteLog(remote).count == 1)

        let patch = try #require(listed.updates.first { $0.stack == repo.stack("web") })
        let minor = try #require(listed.updates.first { $0.stack == repo.stack("db") })
        let approved = try await run.run(.approve(minor.id))
        #expect(approved.done.first?.contains("pushed to origin/main") == true, "\(approved.done)")
        #expect(try Self.remoteLog(remote).first == "web: \(image) 1.2.0 → 1.3.0 (minor)")

        let skipped = try await run.run(.skip(patch.id))
        #expect(skipped.updates.isEmpty, "\(skipped.renderText())")
        #expect(try await run.run(.list(commit: false)).updates.isEmpty, "a skipped version stays skipped")
        #expect(try Self.remoteLog(remote).count == 2)
    }

    @Test func failedPushIsReportedKeptAndRetriedNeverForced() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let image = try await Self.pushTags(repo, Array(Self.published.prefix(2)))
        try repo.writeStack("web", Self.compose(image: image, tag: "1.2.0", updates: "{policy: semver, allow: patch, mode: auto}"))
        try repo.commit("web")
        let remote = try Self.addRemote(repo)
        // Someone else pushed meanwhile: our push is refused as not a fast-forward, then replayed on theirs.
        let other = repo.root.appendingPathExtension("other")
        try run("/usr/bin/env", ["git", "clone", "-q", remote.path, other.path])
        defer { try? FileManager.default.removeItem(at: other) }
        try "notes\n".write(to: other.appendingPathComponent("NOTES.md"), atomically: true, encoding: .utf8)
        for args in [["add", "NOTES.md"], ["-c", "user.name=o", "-c", "user.email=o@example.invalid", "commit", "-qm", "notes"],
                     ["push", "-q", "origin", "main"]] {
            #expect(try run("/usr/bin/env", ["git", "-C", other.path] + args).status == 0)
        }
        // And the remote is unreachable for now.
        try repo.git("remote", "set-url", "origin", repo.root.appendingPathExtension("gone.git").path)
        let run = UpdatesCommandRun(controller: try repo.controller(), logger: Logger(label: "it"))
        let offline = try await run.run(.list(commit: true))
        #expect(offline.done.first?.contains("the push failed and is retried") == true, "\(offline.done)")
        #expect(offline.updates.first?.state == .committed && offline.updates.first?.pushed == false)
        #expect(try repo.git("log", "-1", "--format=%s") == "web: \(image) 1.2.0 → 1.2.1 (patch)\n")

        try repo.git("remote", "set-url", "origin", remote.path)
        let retried = try await run.run(.list(commit: true))
        #expect(retried.updates.isEmpty, "pushed: \(retried.renderText())")
        #expect(try Self.remoteLog(remote) == ["web: \(image) 1.2.0 → 1.2.1 (patch)", "notes", "web"],
                "replayed on top of the other push, nothing overwritten")
    }

    @Test func versionThatFailsItsHealthGateIsNotProposedAgainUntilANewerOne() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let image = try await Self.pushTags(repo, [("1.2.0", "lab/app:1"), ("1.3.0", "lab/app:broken")])
        try repo.writeStack("web", Self.compose(image: image, tag: "1.2.0", updates: "{policy: semver, allow: minor, mode: auto}"))
        try repo.commit("web")
        let remote = try Self.addRemote(repo)
        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)
        let clock = WindowTests.Clock(Date())
        let run = UpdatesCommandRun(controller: try repo.controller(now: { clock.now }), logger: Logger(label: "it"))
        let committed = try await run.run(.list(commit: true))
        #expect(committed.done.first?.contains("1.2.0 → 1.3.0 (minor)") == true, "\(committed.done)")

        let failed = try await repo.controller().apply(ApplyRequest())
        #expect(!failed.succeeded, "1.3.0 fails its health gate: \(failed.renderText())")
        let revision = try #require(try await HealthSupport.revisions(repo, "web").first)
        #expect(revision.outcome == .rolledBack)

        // The owner reverts the commit: 1.3.0 is not proposed again.
        try repo.git("revert", "--no-edit", "HEAD")
        try repo.git("push", "-q", "origin", "main")
        let after = try await run.run(.list(commit: true))
        #expect(after.updates.isEmpty && after.done.isEmpty, "\(after.renderText())")
        let store = try repo.controller().openStore()
        #expect(try await store.versionUpdates(states: [.rolledBack]).map(\.candidateTag) == ["1.3.0"])

        // A newer version appears: it is.
        _ = try await Self.pushTags(repo, [("1.3.1", "lab/app:2")])
        clock.now = clock.now.addingTimeInterval(7 * 3600)  // past the default 6 h interval and its jitter
        let newer = try await run.run(.list(commit: false))
        #expect(newer.updates.map(\.candidate) == ["1.3.1"], "\(newer.renderText())")
        #expect(try Self.remoteLog(remote).count == 3)
    }
}
