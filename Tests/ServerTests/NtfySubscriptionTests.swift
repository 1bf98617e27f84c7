import Controller
import Foundation
import Testing
@testable import Server

/// The ntfy subscription against a server speaking ntfy's stream protocol over real HTTP: signed messages queue
/// passes, the rest is refused, and a stream that breaks resumes with `since=<last id>` without losing a message.
@Suite(.serialized)
struct NtfySubscriptionTests {
    @Test func streamsResumesAfterAnOutageAndRefusesForgeries() async throws {
        let ntfy = try await FakeNtfy.start(token: "tk_reader")
        defer { ntfy.stop() }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ntfy-repo-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.repo, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let secret = Secret("ntfy-shared")
        try "ntfy-shared\n".write(to: root.appendingPathComponent("secret"), atomically: true, encoding: .utf8)
        try "tk_reader\n".write(to: root.appendingPathComponent("token"), atomically: true, encoding: .utf8)
        try """
            triggers:
              secret_file: \(root.path)/secret
              subscribe:
                - ntfy: http://127.0.0.1:\(ntfy.port)/homelab-deploy
                  token_file: \(root.path)/token
            """.write(to: root.appendingPathComponent("reconcile.yaml"), atomically: true, encoding: .utf8)
        let log = PassLog()
        let daemon = try await RunningDaemon.start(settings: DaemonSettings(interval: .seconds(3600)),
                                                   source: LocalSource(directory: root, environment: [:]),
                                                   runner: FakeRunner(log: log), branch: "main")
        defer { Task { await daemon.stop() } }
        let subscription = { await daemon.daemon.state.status().subscriptions.first }
        let reached = await eventually(30) { await subscription()?.connected == true }
        let seen = String(describing: await subscription())
        #expect(reached, "\(seen)")

        let first = SignedMessage.signed(event: .git, ref: "main", commit: "c1", secret: secret)
        let firstID = try await ntfy.publish(topic: "homelab-deploy", first.json)
        #expect(await eventually(30) { await log.allTriggers.contains("ntfy:git:c1") })

        // The same message format POSTed to the daemon goes through the same checks.
        let posted = SignedMessage.signed(event: .git, ref: "main", commit: "w1", secret: secret)
        #expect(try await daemon.request("POST", "/hooks/message", body: Data(posted.json.utf8)).status == 202)
        #expect(await eventually(30) { await log.allTriggers.contains("webhook:git:w1") })
        #expect(try await daemon.request("POST", "/hooks/message", body: Data(posted.json.utf8)).status == 409)
        let forgedPost = SignedMessage.signed(event: .git, secret: Secret("guess")).json
        #expect(try await daemon.request("POST", "/hooks/message", body: Data(forgedPost.utf8)).status == 401)

        // Forged, stale, replayed and for another branch: only the branch one is authentic (and ignored).
        try await ntfy.publish(topic: "homelab-deploy", SignedMessage.signed(event: .git, secret: Secret("x")).json)
        try await ntfy.publish(topic: "homelab-deploy", SignedMessage.signed(event: .git, at: Date().addingTimeInterval(-400),
                                                                              secret: secret).json)
        try await ntfy.publish(topic: "homelab-deploy", first.json)
        try await ntfy.publish(topic: "homelab-deploy", "deploy please")
        let other = try await ntfy.publish(topic: "homelab-deploy",
                                           SignedMessage.signed(event: .git, ref: "feature", commit: "f1", secret: secret).json)
        #expect(await eventually(30) {
            let now = await subscription()
            return (now?.accepted ?? 0) + (now?.rejected.values.reduce(0, +) ?? 0) == 6
        })
        #expect(await subscription()?.accepted == 2)
        #expect(await subscription()?.rejected == ["bad_signature": 1, "stale": 1, "replayed": 1, "malformed": 1])
        #expect(await !log.allTriggers.contains("ntfy:git:f1"))

        // An image message: a pass that pulls exactly the services using that image, as `/hooks/image` would.
        let image = SignedMessage.signed(event: .image, image: "127.0.0.1:5000/lab/app", tag: "stable",
                                         digest: "sha256:" + String(repeating: "b", count: 64), secret: secret)
        let imageID = try await ntfy.publish(topic: "homelab-deploy", image.json)
        #expect(await eventually(30) {
            await log.requests.contains { $0.triggers?.contains("ntfy:127.0.0.1:5000/lab/app:stable") == true }
        })
        #expect(await log.requests.last?.refresh == ["127.0.0.1:5000/lab/app:stable"])

        // The server goes away mid-stream; a message published meanwhile arrives once the stream resumes.
        try await ntfy.goDown()
        #expect(await eventually(30) { await subscription()?.connected == false })
        let passes = await log.count
        let missedWhileDown = SignedMessage.signed(event: .git, ref: "main", commit: "c2", secret: secret)
        try await ntfy.publish(topic: "homelab-deploy", missedWhileDown.json)
        try await ntfy.comeBack()
        #expect(await eventually(30) { await log.allTriggers.contains("ntfy:git:c2") })
        #expect(await log.count == passes + 1)
        #expect(ntfy.sinceRequested.last == imageID, "since asked: \(ntfy.sinceRequested), first id \(firstID), other \(other)")
        #expect(ntfy.sinceRequested.first.flatMap(Int.init) != nil, "the first stream starts at the daemon's start time")
        #expect(await subscription()?.reconnects ?? 0 >= 1)
        let metrics = try await daemon.request("GET", "/metrics").body
        #expect(metrics.contains("reconcile_trigger_messages_total{subscription=\"http://127.0.0.1:\(ntfy.port)/homelab-deploy\",result=\"accepted\"} 4"))
        await daemon.stop()
    }

    @Test func aWrongTokenIsReportedAndRetried() async throws {
        let ntfy = try await FakeNtfy.start(token: "right")
        defer { ntfy.stop() }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ntfy-repo-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.repo, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        try "s\n".write(to: root.appendingPathComponent("secret"), atomically: true, encoding: .utf8)
        try "wrong\n".write(to: root.appendingPathComponent("token"), atomically: true, encoding: .utf8)
        try """
            triggers:
              secret_file: \(root.path)/secret
              subscribe:
                - ntfy: http://127.0.0.1:\(ntfy.port)/t
                  token_file: \(root.path)/token
            """.write(to: root.appendingPathComponent("reconcile.yaml"), atomically: true, encoding: .utf8)
        let daemon = try await RunningDaemon.start(settings: DaemonSettings(interval: .seconds(3600)),
                                                   source: LocalSource(directory: root, environment: [:]),
                                                   runner: FakeRunner(log: PassLog()), branch: "main")
        defer { Task { await daemon.stop() } }
        let status = { await daemon.daemon.state.status().subscriptions.first }
        let reported = await eventually(30) { await status()?.lastError?.contains("ntfy answered 401: check token_file") == true }
        let seen = String(describing: await status())
        #expect(reported, "\(seen)")
        #expect(await status()?.connected == false)
        await daemon.stop()
    }
}
