import Controller
import Foundation
import Logging
import Testing
@testable import Notify

/// Real POSTs to a recording server on 127.0.0.1: the exact shape each service expects.
@Suite struct NotifierDeliveryTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    func channel(_ kind: NotificationChannel.Kind, _ url: String, _ change: (inout NotificationChannel) -> Void = { _ in })
        throws -> NotificationChannel {
        var channel = NotificationChannel(kind: kind, url: try #require(URL(string: url)))
        change(&channel)
        return channel
    }

    @Test func ntfyGetsTitlePriorityTagsAndBearerToken() async throws {
        let server = try await RecordingServer.start()
        let ntfy = try channel(.ntfy, server.baseURL) {
            $0.topic = "homelab"
            $0.token = "tk_secret123"
        }
        let report = try fixture("pass-rolled-back", as: PassReport.self)
        let deliveries = await Notifier(config: NotificationConfig(channels: [ntfy]), logger: logger).notify(report)
        #expect(deliveries.count == 3)
        #expect(deliveries.allSatisfy { $0.delivered && $0.status == 200 })

        let requests = try await server.requests()
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.path == "/homelab" && $0.headers["authorization"] == "Bearer tk_secret123" })
        let rollback = try #require(requests.first { $0.headers["title"] == "reconcile: web on nas rolled back" })
        #expect(rollback.headers["priority"] == "4")
        #expect(rollback.headers["tags"] == "rewind,nas,web")
        #expect(rollback.body.contains("web on nas (revision 41, commit 9f8e7d6c5b4a)"))
        #expect(rollback.body.contains("recreate site: image lab/app:stable changed sha256:1a2b → sha256:9f8e [failed]"))
        #expect(rollback.body.contains("error: site: unhealthy after 30s; last health log: wget: server returned error"))
        let applied = try #require(requests.first { $0.headers["title"] == "reconcile: media on nas updated" })
        #expect(applied.headers["priority"] == "3")
        #expect(applied.body.contains("recreate jellyfin: environment LOG_LEVEL changed"))
        #expect(!applied.body.contains("sonarr"))
        let unreachable = try #require(requests.first { $0.headers["title"] == "reconcile: iot failed" })
        #expect(unreachable.body.contains("unreachable: couldn't connect"))
        #expect(!requests.contains { $0.body.contains("tk_secret123") })
    }

    @Test(arguments: [NotificationChannel.TokenPlacement.header, .query])
    func gotifyGetsJSONAndItsKey(placement: NotificationChannel.TokenPlacement) async throws {
        let server = try await RecordingServer.start()
        let gotify = try channel(.gotify, server.baseURL + "/gotify/") {
            $0.token = "A.b+c/d"
            $0.tokenPlacement = placement
            $0.events = [.rolledBack]
        }
        let report = try fixture("pass-rolled-back", as: PassReport.self)
        await Notifier(config: NotificationConfig(channels: [gotify]), logger: logger).notify(report)

        let requests = try await server.requests()
        let request = try #require(requests.first)
        #expect(requests.count == 1, "only the rollback: the channel asked for rolled_back alone")
        switch placement {
        case .header:
            #expect(request.path == "/gotify/message")
            #expect(request.headers["x-gotify-key"] == "A.b+c/d")
        case .query:
            #expect(request.path == "/gotify/message?token=A.b%2Bc/d")
            #expect(request.headers["x-gotify-key"] == nil)
        }
        #expect(request.headers["content-type"] == "application/json")
        let body = try JSONDecoder().decode(GotifyBody.self, from: Data(request.body.utf8))
        #expect(body.title == "reconcile: web on nas rolled back")
        #expect(body.priority == 8)
        #expect(body.message.contains("health check failed: HTTP/1.1 500"))
    }

    struct GotifyBody: Decodable {
        var title: String
        var message: String
        var priority: Int
    }

    @Test func webhookGetsTheEventAsJSON() async throws {
        let server = try await RecordingServer.start()
        let hook = try channel(.webhook, server.baseURL + "/hooks/reconcile?source=test") {
            $0.headers = ["X-Hook-Secret": "s3"]
            $0.events = [.applied]
        }
        let report = try fixture("pass-rolled-back", as: PassReport.self)
        await Notifier(config: NotificationConfig(channels: [hook]), logger: logger).notify(report)

        let request = try #require(try await server.requests().first)
        #expect(request.path == "/hooks/reconcile?source=test")
        #expect(request.headers["x-hook-secret"] == "s3")
        #expect(request.headers["authorization"] == nil)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let event = try decoder.decode(NotificationEvent.self, from: Data(request.body.utf8))
        #expect(event.event == .applied)
        #expect(event.host == "nas" && event.stack == "media" && event.revision == 42)
        #expect(event.changes == [.init(kind: "recreate", service: "jellyfin", reasons: ["environment LOG_LEVEL changed"],
                                        outcome: .done)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "reconcile: media on nas updated")
        #expect(object["event"] as? String == "applied")
    }

    @Test func invalidCommitListsTheErrors() async throws {
        let server = try await RecordingServer.start()
        let ntfy = try channel(.ntfy, server.baseURL) { $0.topic = "t" }
        let errors = ["stacks/web/compose.yaml:4:5: error: unknown key `imgae`; did you mean `image`?"]
        let deliveries = await Notifier(config: NotificationConfig(channels: [ntfy]), logger: logger)
            .notifyInvalidCommit(commit: "abcdef0123456789", diagnostics: errors)
        #expect(deliveries.map(\.event) == [.invalid])
        let request = try #require(try await server.requests().first)
        #expect(request.headers["title"] == "reconcile: commit abcdef012345 refused")
        #expect(request.headers["tags"] == "warning")
        #expect(request.body == "1 error; nothing was applied (commit abcdef012345)\n" + errors[0])
    }

    @Test func deadEndpointAndRefusalAreLoggedNotThrown() async throws {
        let server = try await RecordingServer.start()
        let port = try closedLoopbackPort()
        let dead = try channel(.gotify, "http://127.0.0.1:\(port)") {
            $0.token = "never-logged"
            $0.tokenPlacement = .query
        }
        let refusing = try channel(.webhook, server.baseURL + "/status/503")
        let notifier = Notifier(config: NotificationConfig(channels: [dead, refusing]), logger: logger)
        let started = ContinuousClock.now
        let deliveries = await notifier.notifyInvalidCommit(commit: nil, diagnostics: ["x"])
        #expect(ContinuousClock.now - started < .seconds(3))
        let failedDead = try #require(deliveries.first { $0.channel == dead.name })
        #expect(failedDead.status == nil)
        #expect(failedDead.error?.contains("couldn't connect") == true)
        #expect(failedDead.error?.contains("never-logged") == false)
        #expect(failedDead.error?.contains("<redacted>") == true)
        let refused = try #require(deliveries.first { $0.channel == refusing.name })
        #expect(refused.status == 503)
        #expect(refused.error?.contains("HTTP 503: refused by the test server") == true)
    }

    @Test func slowServerIsCutOffByTheChannelTimeout() async throws {
        let listener = try SilentListener()
        let slow = try channel(.webhook, "http://127.0.0.1:\(listener.port)/") { $0.timeout = .milliseconds(700) }
        let started = ContinuousClock.now
        let deliveries = await Notifier(config: NotificationConfig(channels: [slow]), logger: logger)
            .notifyInvalidCommit(commit: nil, diagnostics: ["x"])
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(600) && elapsed < .seconds(3))
        #expect(deliveries.first?.error?.contains("timed out after 700 ms") == true, "\(deliveries)")
    }
}
