import Foundation
import Logging
import Testing
@testable import Notify

/// Version updates (issue 19) reach the channels that asked for `update`, saying how to approve them.
@Suite struct VersionUpdateNoticeTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test func approveModeNoticeSaysHowToApproveAndSkip() async throws {
        let server = try await RecordingServer.start()
        var ntfy = NotificationChannel(kind: .ntfy, url: try #require(URL(string: server.baseURL)))
        ntfy.topic = "homelab"
        ntfy.events = [.update]
        var quiet = NotificationChannel(kind: .ntfy, url: try #require(URL(string: server.baseURL)))
        quiet.topic = "failures-only"
        quiet.events = [.failed]
        let notifier = Notifier(config: NotificationConfig(channels: [ntfy, quiet]), logger: logger)
        let notice = VersionUpdateNotice(id: 7, stack: "media", service: "web", image: "ghcr.io/org/app", current: "1.4.2",
                                         candidate: "1.5.0", step: "minor", mode: "approve")
        let deliveries = await notifier.notifyVersionUpdates([notice])
        #expect(deliveries.count == 1 && deliveries.allSatisfy(\.delivered))
        let request = try #require(try await server.requests().first)
        #expect(request.path == "/homelab")
        #expect(request.headers["title"] == "reconcile: new version for media")
        #expect(request.headers["tags"] == "arrow_up,media")
        #expect(request.body.contains("update web: ghcr.io/org/app 1.4.2 → 1.5.0 (minor); approve: `reconcile updates approve 7`"))
    }

    @Test func signedLinksBecomeNtfyButtonsAndWebhookActions() async throws {
        let server = try await RecordingServer.start()
        var ntfy = NotificationChannel(kind: .ntfy, url: try #require(URL(string: server.baseURL)))
        ntfy.topic = "homelab"
        let hook = NotificationChannel(kind: .webhook, url: try #require(URL(string: server.baseURL + "/hook")))
        let notifier = Notifier(config: NotificationConfig(channels: [ntfy, hook]), logger: logger)
        let approve = "http://daemon:9420/api/updates/7/approve?expires=99&sig=ab12"
        let skip = "http://daemon:9420/api/updates/7/skip?expires=99&sig=cd34"
        let notice = VersionUpdateNotice(id: 7, stack: "media", service: "web", image: "ghcr.io/org/app", current: "1.4.2",
                                         candidate: "1.5.0", step: "minor", mode: "approve", approveURL: approve, skipURL: skip)
        #expect(await notifier.notifyVersionUpdates([notice]).allSatisfy(\.delivered))
        let requests = try await server.requests()
        let pushed = try #require(requests.first { $0.path == "/homelab" })
        #expect(pushed.headers["actions"] == "http, Approve, \(approve), method=POST, clear=true; "
                + "http, Skip, \(skip), method=POST, clear=true")
        let posted = try #require(requests.first { $0.path == "/hook" })
        let json = try JSONSerialization.jsonObject(with: Data(posted.body.utf8)) as? [String: Any]
        let actions = json?["actions"] as? [[String: String]]
        #expect(actions == [["label": "Approve", "url": approve], ["label": "Skip", "url": skip]], "\(posted.body)")
    }

    @Test func withoutLinksThereAreNoButtons() async throws {
        let server = try await RecordingServer.start()
        var ntfy = NotificationChannel(kind: .ntfy, url: try #require(URL(string: server.baseURL)))
        ntfy.topic = "homelab"
        let notice = VersionUpdateNotice(id: 8, stack: "media", service: "web", image: "app", current: "1", candidate: "2",
                                         step: "major", mode: "notify")
        #expect(await Notifier(config: NotificationConfig(channels: [ntfy]), logger: logger)
            .notifyVersionUpdates([notice]).allSatisfy(\.delivered))
        let request = try #require(try await server.requests().first)
        #expect(request.headers["actions"] == nil && request.headers["title"] != nil)
    }

    @Test func updateIsAnEventWordOfTheConfig() {
        let (config, problems) = NotificationConfig.parse("""
            notifications:
              - {type: ntfy, url: "http://127.0.0.1:1", topic: t, on: [update, rolled_back]}
            """, environment: [:])
        #expect(problems.isEmpty, "\(problems)")
        #expect(config.channels.first?.events == [.update, .rolledBack])
    }
}
