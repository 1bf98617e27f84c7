import Foundation
import Logging
import Testing
@testable import Notify

/// https servers: a self-hosted ntfy or Gotify behind a homelab CA.
@Suite struct HTTPSDeliveryTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test func privateCAIsTrustedWhenConfigured() async throws {
        let server = try await RecordingServer.start(tls: true)
        var ntfy = NotificationChannel(kind: .ntfy, url: try #require(URL(string: server.baseURL)))
        ntfy.topic = "tls"
        ntfy.ca = try fixturePath("tls/ca.pem")
        let deliveries = await Notifier(config: NotificationConfig(channels: [ntfy]), logger: logger)
            .notifyInvalidCommit(commit: "c", diagnostics: ["e"])
        #expect(deliveries.first?.status == 200, "\(deliveries)")
        #expect(try await server.requests().map(\.path) == ["/tls"])
    }

    @Test func unknownCAFailsQuietly() async throws {
        let server = try await RecordingServer.start(tls: true)
        var ntfy = NotificationChannel(kind: .ntfy, url: try #require(URL(string: server.baseURL)))
        ntfy.topic = "tls"
        let deliveries = await Notifier(config: NotificationConfig(channels: [ntfy]), logger: logger)
            .notifyInvalidCommit(commit: "c", diagnostics: ["e"])
        #expect(deliveries.first?.status == nil)
        #expect(deliveries.first?.error?.contains("TLS") == true, "\(deliveries)")
        #expect(try await server.requests().isEmpty)
    }
}
