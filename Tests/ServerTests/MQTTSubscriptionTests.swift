import Controller
import Foundation
import Testing
@testable import Server

/// CI publishes a signed message to a real Mosquitto on loopback; the daemon, subscribed outbound, deploys the
/// pushed commit on a lab engine. Nothing connects to the daemon.
@Suite(.serialized, .enabled(if: Lab.enabled, "needs `scripts/lab up` and RECONCILE_LAB=1"))
struct MQTTSubscriptionTests {
    static let hosts = "endpoint: unix://\(Lab.nasSocket)\nvlan: main\n"

    static func stack(_ value: String) -> String {
        """
        x-reconcile:
          hosts: [nas]
          health:
            min_ready: 0s
        services:
          app:
            image: lab/busybox:1
            command: ["sh", "-c", "while true; do sleep 30; done"]
            environment:
              VERSION: "\(value)"
        """
    }

    @Test func signedMessagesDeployAndEverythingElseIsRefusedAndCounted() async throws {
        let unique = "m" + UUID().uuidString.prefix(8).lowercased()
        let stack = "mq\(unique)", topic = "reconcile/\(unique)", container = "\(stack)-app-1"
        let broker = try Mosquitto()
        try await broker.start()
        let repo = try await GitTestRepo.make(hosts: Self.hosts)
        defer { broker.remove(); repo.remove(); Lab.removeStack(stack) }
        let secret = Secret("ci-and-daemon-share-this")
        let secretFile = repo.root.appendingPathComponent("trigger-secret")
        try "ci-and-daemon-share-this\n".write(to: secretFile, atomically: true, encoding: .utf8)
        try repo.write("reconcile.yaml", """
            triggers:
              secret_file: \(secretFile.path)
              subscribe:
                - mqtt: mqtt://127.0.0.1:\(broker.port)/\(topic)
                  client_id: \(unique)
            """)
        try repo.write("stacks/\(stack)/compose.yaml", Self.stack("1"))
        let first = try await repo.commitAndPush("first")

        // No timer, no git poll within the test: only messages can bring a new commit.
        let daemon = try await RunningDaemon.following(repo, stack: stack)
        defer { Task { await daemon.stop() } }
        let status = { await daemon.daemon.state.status() }
        let subscription = { await status().subscriptions.first }
        #expect(await eventually(60) { await status().commit == first })
        let reached = await eventually(30) { await subscription()?.connected == true }
        let seen = await status().subscriptions
        #expect(reached, "\(seen)")

        // A push, announced by a signed message: the pass fetches and deploys exactly that commit.
        try repo.write("stacks/\(stack)/compose.yaml", Self.stack("2"))
        let second = try await repo.commitAndPush("second")
        let announce = SignedMessage.signed(event: .git, ref: "main", commit: second, secret: secret)
        try await broker.publish(topic: topic, announce.json)
        #expect(await eventually(60) { await status().commit == second })
        #expect(await status().lastPass?.triggers.contains("mqtt:git:\(second)") == true)
        #expect(try Lab.docker(["inspect", "-f", "{{range .Config.Env}}{{println .}}{{end}}", container]).contains("VERSION=2"))

        // Unsigned, badly signed, stale and replayed: refused, counted by reason, no pass.
        let passes = await status().passes
        var unsigned = SignedMessage.signed(event: .git, ref: "main", secret: secret)
        unsigned.signature = ""
        try await broker.publish(topic: topic, unsigned.json)
        try await broker.publish(topic: topic, SignedMessage.signed(event: .git, ref: "main", secret: Secret("guessed")).json)
        try await broker.publish(topic: topic, SignedMessage.signed(event: .git, ref: "main", at: Date().addingTimeInterval(-600),
                                                             secret: secret).json)
        try await broker.publish(topic: topic, announce.json)
        #expect(await eventually(30) { await subscription()?.rejected.values.reduce(0, +) == 4 })
        #expect(await subscription()?.rejected == ["unsigned": 1, "bad_signature": 1, "stale": 1, "replayed": 1])
        #expect(await subscription()?.accepted == 1)
        #expect(await status().passes == passes)
        let metrics = try await daemon.request("GET", "/metrics").body
        let label = "subscription=\"mqtt://127.0.0.1:\(broker.port)/\(topic)\""
        #expect(metrics.contains("reconcile_trigger_messages_total{\(label),result=\"bad_signature\"} 1"))
        #expect(metrics.contains("reconcile_subscription_connected{\(label)} 1"))

        // The broker restarts mid-stream; a message published before the daemon is back is still delivered.
        await broker.stop()
        #expect(await eventually(30) { await subscription()?.connected == false })
        try repo.write("stacks/\(stack)/compose.yaml", Self.stack("3"))
        let third = try await repo.commitAndPush("third")
        try await broker.start()
        try await broker.publish(topic: topic, SignedMessage.signed(event: .git, ref: "main", commit: third, secret: secret).json)
        #expect(await eventually(60) { await status().commit == third }, "broker log:\n\(broker.log)")
        #expect(try Lab.docker(["inspect", "-f", "{{range .Config.Env}}{{println .}}{{end}}", container]).contains("VERSION=3"))
        #expect(await subscription()?.reconnects ?? 0 >= 1)
        #expect(await subscription()?.connected == true)
        let api = try await daemon.request("GET", "/api/status").body
        #expect(api.contains("\"reconnects\""))
        await daemon.stop()

        // Deterministically queued: with the daemon away, a message waits in its session at the broker, survives a
        // broker restart (persistence), and is delivered when the daemon comes back under the same client id.
        try repo.write("stacks/\(stack)/compose.yaml", Self.stack("4"))
        let fourth = try await repo.commitAndPush("fourth")
        let queued = SignedMessage.signed(event: .git, ref: "main", commit: fourth, secret: secret)
        try await broker.publish(topic: topic, queued.json)
        await broker.stop()
        try await broker.start()
        let again = try await RunningDaemon.following(repo, stack: stack)
        defer { Task { await again.stop() } }
        let heard = await eventually(60) { await again.daemon.state.status().subscriptions.first?.lastMessageID == queued.id }
        #expect(heard, "broker log:\n\(broker.log)")
        #expect(await eventually(60) { await again.daemon.state.status().commit == fourth })
        await again.stop()
    }
}
