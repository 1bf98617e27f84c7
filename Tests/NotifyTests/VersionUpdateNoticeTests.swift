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

    @Test func updateIsAnEventWordOfTheConfig() {
        let (config, problems) = NotificationConfig.parse("""
            notifications:
              - {type: ntfy, url: "http://127.0.0.1:1", topic: t, on: [update, rolled_back]}
            """, environment: [:])
        #expect(problems.isEmpty, "\(problems)")
        #expect(config.channels.first?.events == [.update, .rolledBack])
    }
}
