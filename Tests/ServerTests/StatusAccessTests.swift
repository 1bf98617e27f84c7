import Foundation
import Testing
@testable import Server

/// Issue 17, point 5: beyond loopback, `/api/status` needs a token; with a token set, `/metrics` does too.
@Suite(.serialized) struct StatusAccessTests {
    static let token = Secret("status-token-for-tests")

    @Test func beyondLoopbackTheStatusNeedsAToken() {
        let open = StatusAccess(settings: DaemonSettings(listenHost: "0.0.0.0"))
        #expect(open.status(authorization: nil) == .notConfigured)
        #expect(open.metrics(authorization: nil) == .allowed)
        let guarded = StatusAccess(settings: DaemonSettings(listenHost: "0.0.0.0", apiToken: Self.token))
        #expect(guarded.status(authorization: nil) == .unauthorized)
        #expect(guarded.status(authorization: "Bearer wrong") == .unauthorized)
        #expect(guarded.status(authorization: "Bearer status-token-for-tests") == .allowed)
        #expect(guarded.metrics(authorization: "Bearer status-token-for-tests") == .allowed)
        #expect(StatusAccess(settings: DaemonSettings(listenHost: "127.0.0.1")).status(authorization: nil) == .allowed)
        #expect(StatusAccess(settings: DaemonSettings(listenHost: "::1")).status(authorization: nil) == .allowed)
        #expect(StatusAccess(settings: DaemonSettings(listenHost: "::")).status(authorization: nil) == .notConfigured)
    }

    @Test func overHTTPTheTokenIsAskedForAndAccepted() async throws {
        let log = PassLog()
        let daemon = try await RunningDaemon.start(settings: DaemonSettings(interval: .seconds(3600), apiToken: Self.token),
                                                   source: LocalSource(directory: Fixtures.repo, environment: [:]),
                                                   runner: FakeRunner(log: log))
        #expect(await eventually { await log.count == 1 })
        #expect(try await daemon.request("GET", "/api/status").status == 401)
        #expect(try await daemon.request("GET", "/metrics").status == 401)
        let auth = ["Authorization": "Bearer status-token-for-tests"]
        let status = try await daemon.request("GET", "/api/status", headers: auth)
        #expect(status.status == 200 && status.body.contains("\"source\""), "\(status.body)")
        #expect(try await daemon.request("GET", "/metrics", headers: auth).status == 200)
        #expect(try await daemon.request("GET", "/healthz").status == 200)
        await daemon.stop()
    }
}
