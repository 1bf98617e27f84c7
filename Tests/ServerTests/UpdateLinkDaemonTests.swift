import Controller
import Foundation
import HTTP
import Logging
import Notify
import Registry
import Store
import Testing
@testable import Server

/// Issue 19, approve from the phone: a real daemon finds an approve-mode version on the lab registry, its ntfy
/// message (sent to a loopback receiver) carries signed Approve/Skip buttons and the candidate's release notes,
/// and following Approve for real commits and pushes the update, which the next pass deploys. Expired, tampered
/// and replayed links are refused.
@Suite(.serialized, .enabled(if: Lab.enabled, "needs `scripts/lab up` and RECONCILE_LAB=1"))
struct UpdateLinkDaemonTests {
    static let secret = Secret("update-link-secret")

    @Test func approveButtonCommitsPushesAndDeploysOnceBadLinksAreRefused() async throws {
        let unique = "l" + UUID().uuidString.prefix(8).lowercased()
        let stack = "link\(unique)", image = "127.0.0.1:5000/it-\(unique)/app"
        let repo = try await GitTestRepo.make(hosts: VersionUpdateDaemonTests.hosts)
        defer { repo.remove(); Lab.removeStack(stack) }
        try Lab.docker(["tag", "lab/app:1", "\(image):1.2.0"])
        try Lab.docker(["push", "\(image):1.2.0"])
        // The candidate names its source, so the message links to its release notes.
        let context = repo.root.appendingPathComponent("labeled")
        try FileManager.default.createDirectory(at: context, withIntermediateDirectories: true)
        try "FROM lab/app:2\nLABEL org.opencontainers.image.source=https://github.com/example-org/app\n"
            .write(to: context.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        try Lab.docker(["build", "-q", "-t", "\(image):1.3.0", context.path])
        try Lab.docker(["push", "\(image):1.3.0"])
        try repo.write("stacks/\(stack)/compose.yaml", VersionUpdateDaemonTests.stack(image: image, mode: "approve"))
        let first = try await repo.commitAndPush("on 1.2.0")

        let ntfy = try await NtfyReceiver.start()
        let daemon = try await Self.daemon(repo: repo, stack: stack, ntfy: ntfy)
        defer { Task { await daemon.stop() } }

        let arrived = await eventually(60) { ntfy.messages.contains { $0.headers["actions"] != nil } }
        let message = try #require(ntfy.messages.first { $0.headers["actions"] != nil }, "no ntfy message with buttons")
        #expect(arrived && message.path == "/updates" && message.body.contains("1.2.0 → 1.3.0"), "\(message.body)")
        #expect(message.headers["click"] == "https://github.com/example-org/app/releases/tag/1.3.0", "\(message.headers)")
        #expect(message.body.contains("release notes: https://github.com/example-org/app/releases/tag/1.3.0"))
        let buttons = NtfyReceiver.buttons(message.headers["actions"] ?? "")
        #expect(buttons.map(\.label) == ["Approve", "Skip"], "\(buttons)")
        #expect(buttons.allSatisfy { $0.options.contains("method=POST") })
        let approve = try #require(URLComponents(string: buttons.first?.url ?? ""))
        #expect(approve.port == daemon.port && approve.path.hasPrefix("/api/updates/"))
        let path = approve.percentEncodedPath + "?" + (approve.percentEncodedQuery ?? "")
        let id = try #require(Int64(approve.path.split(separator: "/")[2]))

        // Tampered (another id, a later expiry, a changed signature), expired, and unknown actions do nothing.
        let expires = try #require(approve.queryItems?.first { $0.name == "expires" }?.value)
        for forged in [path.replacingOccurrences(of: "/updates/\(id)/", with: "/updates/\(id + 1)/"),
                       path.replacingOccurrences(of: "expires=\(expires)", with: "expires=\(expires)0"),
                       String(path.dropLast()) + (path.hasSuffix("0") ? "1" : "0")] {
            let answer = try await daemon.request("POST", forged)
            #expect(answer.status == 401 && answer.body.contains("signature"), "\(forged): \(answer)")
        }
        let past = Int64(Date().timeIntervalSince1970) - 60
        let expired = try await daemon.request("POST", UpdateLink.path(id: id, action: .approve, expires: past, secret: Self.secret))
        #expect(expired.status == 410 && expired.body.contains("expired"), "\(expired)")
        let unsigned = try await daemon.request("POST", "/api/updates/\(id)/approve")
        #expect(unsigned.status == 400, "\(unsigned)")
        #expect(try await Self.log(repo) == ["on 1.2.0"], "a refused link committed nothing")

        // Followed for real: committed and pushed to the followed branch, then deployed by the pass it asks for.
        let approved = try await daemon.request("POST", path)
        #expect(approved.status == 200 && approved.body.contains("committed and pushed"), "\(approved)")
        #expect(try await Self.log(repo) == ["web: \(image) 1.2.0 → 1.3.0 (minor)", "on 1.2.0"])
        let deployed = await eventually(60) {
            let running = try? Lab.docker(["inspect", "-f", "{{.Config.Image}}", "\(stack)-web-1"])
            let status = await daemon.daemon.state.status()
            return running == "\(image):1.3.0" && status.commit != first
        }
        #expect(deployed, "the approved version runs")

        let replayed = try await daemon.request("POST", path)
        #expect(replayed.status == 409 && replayed.body.contains("already used"), "\(replayed)")
        let skip = try #require(URLComponents(string: buttons.last?.url ?? ""))
        let late = try await daemon.request("POST", skip.percentEncodedPath + "?" + (skip.percentEncodedQuery ?? ""))
        #expect(late.status == 404 && late.body.contains("not open"), "skip after approve: \(late)")
        #expect(try await Self.log(repo).count == 2)
    }

    /// A daemon following `repo` with the webhook secret (which signs the links) and an ntfy channel on `ntfy`,
    /// wired as `reconcile daemon` wires its notifier.
    static func daemon(repo: GitTestRepo, stack: String, ntfy: NtfyReceiver) async throws -> RunningDaemon {
        let logger = Logger(label: "update-links") { _ in SwiftLogNoOpLogHandler() }
        var channel = NotificationChannel(kind: .ntfy, url: try #require(URL(string: "http://127.0.0.1:\(ntfy.port)")))
        channel.topic = "updates"
        let notifier = Notifier(config: NotificationConfig(channels: [channel]), logger: logger)
        let hooks = DaemonHooks(onVersionUpdates: { found in
            await notifier.notifyVersionUpdates(found.map { VersionUpdateNotice(found: $0) })
        })
        return try await RunningDaemon.watchingVersions(repo, stacks: [stack], settings: DaemonSettings(gitSecret: secret),
                                                        hooks: hooks)
    }

    static func log(_ repo: GitTestRepo) async throws -> [String] {
        try Lab.run("/usr/bin/env", ["git", "-C", repo.bare.path, "log", "--format=%s", "main"])
            .split(separator: "\n").map(String.init)
    }
}
