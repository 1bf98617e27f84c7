import Controller
import Foundation
import Testing
@testable import Server

/// `/api/status`, `/metrics` and the notification hooks, with a fake runner.
@Suite(.serialized) struct StatusAndHooksTests {
    @Test func statusAndMetricsDescribeTheLastPass() async throws {
        let log = PassLog()
        let daemon = try await RunningDaemon.start(settings: DaemonSettings(interval: .seconds(3600)),
                                                   source: LocalSource(directory: Fixtures.repo, environment: [:]),
                                                   runner: FakeRunner(log: log))
        #expect(await eventually { await log.count == 1 })
        #expect(await eventually { await daemon.daemon.state.status().passes == 1 })
        let status = try await daemon.request("GET", "/api/status")
        #expect(status.status == 200)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.body.utf8)) as? [String: Any])
        #expect(json["commit"] as? String == "fake-commit")
        #expect((json["lastPass"] as? [String: Any])?["outcome"] as? String == "success")
        #expect((json["lastPass"] as? [String: Any])?["triggers"] as? [String] == ["startup"])
        #expect((json["lastLoadErrors"] as? [String])?.isEmpty == true)
        let metrics = try await daemon.request("GET", "/metrics").body
        #expect(metrics.contains(#"reconcile_passes_total{result="success"} 1"#))
        #expect(metrics.contains("reconcile_pass_duration_seconds_count 1"))
        #expect(metrics.contains("reconcile_invalid_commits_total 0"))
        await daemon.stop()
    }

    @Test func brokenCheckoutIsReportedOnceAndNotApplied() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("servertests-bad-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.repo, to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A host file belongs to no stack: the whole checkout is refused.
        try "endpoint: [unclosed\n".write(to: dir.appendingPathComponent("hosts/nas.yaml"), atomically: true, encoding: .utf8)
        let log = PassLog()
        let (invalids, sink) = AsyncStream.makeStream(of: InvalidCommit.self)
        let daemon = try await RunningDaemon.start(settings: DaemonSettings(interval: .seconds(3600), gitSecret: Secret("g")),
                                                   source: LocalSource(directory: dir, environment: [:]),
                                                   runner: FakeRunner(log: log),
                                                   hooks: DaemonHooks(onInvalidCommit: { sink.yield($0) }))
        var iterator = invalids.makeAsyncIterator()
        let invalid = try #require(await iterator.next())
        #expect(invalid.errors.contains { $0.hasPrefix("hosts/nas.yaml:") }, "\(invalid.errors)")
        #expect(invalid.heldStacks == nil)
        _ = try await TriggerClient(url: "127.0.0.1:\(daemon.port)", secret: Secret("g")).send(reason: "again")
        #expect(await eventually { await log.count == 2 })
        #expect(await eventually { await daemon.daemon.state.status().passes == 2 })
        let metrics = try await daemon.request("GET", "/metrics").body
        #expect(metrics.contains("reconcile_invalid_commits_total 1"))  // the same bad tree counts once
        #expect(metrics.contains(#"reconcile_passes_total{result="invalid"} 2"#))
        let status = await daemon.daemon.state.status()
        #expect(status.invalidCommit != nil)
        #expect(status.lastLoadErrors.contains { $0.hasPrefix("hosts/nas.yaml:") })
        #expect(status.commit == nil)  // nothing was ever applied
        await daemon.stop()
    }

    /// Design invariant 3 in the daemon: a broken stack is notified once and listed in the status; the rest passes.
    @Test func aBrokenStackIsNotifiedOnceAndListedAsHeld() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("servertests-held-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.repo, to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "services:\n  web: [unclosed\n".write(to: dir.appendingPathComponent("stacks/shop/compose.yaml"),
                                                  atomically: true, encoding: .utf8)
        let log = PassLog()
        let (notices, sink) = AsyncStream.makeStream(of: InvalidCommit.self)
        let daemon = try await RunningDaemon.start(settings: DaemonSettings(interval: .seconds(3600), gitSecret: Secret("g")),
                                                   source: LocalSource(directory: dir, environment: [:]),
                                                   runner: FakeRunner(log: log),
                                                   hooks: DaemonHooks(onInvalidCommit: { sink.yield($0) }))
        var iterator = notices.makeAsyncIterator()
        let notice = try #require(await iterator.next())
        #expect(notice.heldStacks?.keys.sorted() == ["shop"])
        #expect(notice.errors.contains { $0.contains("stacks/shop/compose.yaml:3:1: error") })
        #expect(await eventually { await log.count == 1 }, "the pass runs for the other stacks")
        _ = try await TriggerClient(url: "127.0.0.1:\(daemon.port)", secret: Secret("g")).send(reason: "again")
        #expect(await eventually { await daemon.daemon.state.status().passes == 2 })
        let metrics = try await daemon.request("GET", "/metrics").body
        #expect(metrics.contains("reconcile_invalid_commits_total 1"))  // the same held stack is notified once
        let status = try await daemon.request("GET", "/api/status")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.body.utf8)) as? [String: Any])
        let held = try #require(json["heldStacks"] as? [[String: Any]], "\(status.body)")
        #expect(held.map { $0["stack"] as? String } == ["shop"])
        #expect((held.first?["error"] as? String)?.hasPrefix("stacks/shop/compose.yaml:3:1: error: ") == true)
        #expect(json["invalidCommit"] == nil || json["invalidCommit"] is NSNull)
        await daemon.stop()
    }

    @Test func aHangingNotificationNeverBlocksPasses() async throws {
        let log = PassLog()
        let daemon = try await RunningDaemon.start(
            settings: DaemonSettings(interval: .seconds(3600), gitSecret: Secret("g")),
            source: LocalSource(directory: Fixtures.repo, environment: [:]), runner: FakeRunner(log: log),
            hooks: DaemonHooks(onPass: { _ in try? await Task.sleep(for: .seconds(3600)) }))
        #expect(await eventually { await log.count == 1 })
        _ = try await TriggerClient(url: "127.0.0.1:\(daemon.port)", secret: Secret("g")).send(reason: "next")
        #expect(await eventually(3) { await log.count == 2 })
        await daemon.stop()
    }
}
