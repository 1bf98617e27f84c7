import Controller
import Spec
import Foundation
import Store
import Testing
@testable import Server

@Suite struct MetricsAndDeliveryTests {
    /// A two-host pass: one stack applied, one rolled back, one failed, one host unreachable.
    static func report() throws -> PassReport {
        let json = """
            {"mode":"apply","commit":"abc","startedAt":0,"finishedAt":3.5,"diagnostics":[],"hosts":[
             {"host":"nas","endpoint":"unix:///x","reachable":true,"requests":4,"stacks":[
               {"stack":"web","outcome":"applied","revision":7,"actions":[
                 {"kind":"recreate","service":"site","reasons":["image"],"outcome":"done"},
                 {"kind":"keep","service":"worker","reasons":[],"outcome":"done"}]},
               {"stack":"db","outcome":"rolled-back","revision":8,"actions":[
                 {"kind":"recreate","service":"pg","reasons":["env"],"outcome":"failed"}]}]},
             {"host":"iot","endpoint":"unix:///y","reachable":false,"error":"unreachable","requests":0,"stacks":[
               {"stack":"mqtt","outcome":"failed","actions":[]}]}]}
            """
        return try JSONDecoder().decode(PassReport.self, from: Data(json.utf8))
    }

    @Test func metricsCountWhatThePassDid() throws {
        var metrics = DaemonMetrics()
        metrics.record(try Self.report())
        metrics.recordWebhook(endpoint: "git", result: "accepted")
        let text = metrics.render()
        #expect(text.contains(#"reconcile_passes_total{result="failure"} 1"#))
        #expect(text.contains(#"reconcile_pass_duration_seconds_bucket{le="2.5"} 0"#))
        #expect(text.contains(#"reconcile_pass_duration_seconds_bucket{le="5"} 1"#))
        #expect(text.contains("reconcile_pass_duration_seconds_sum 3.5"))
        #expect(text.contains(#"reconcile_actions_total{kind="recreate"} 1"#))  // the failed one is not counted
        #expect(!text.contains(#"kind="keep""#))
        #expect(text.contains(#"reconcile_stack_rollbacks_total{host="nas",stack="db"} 1"#))
        #expect(text.contains(#"reconcile_stack_failures_total{host="iot",stack="mqtt"} 1"#))
        #expect(!text.contains(#"reconcile_host_last_success_timestamp_seconds{host="#))  // nas had a rollback
        #expect(text.contains(#"reconcile_webhook_requests_total{endpoint="git",result="accepted"} 1"#))
        #expect(text.contains("# TYPE reconcile_pass_duration_seconds histogram"))
    }

    @Test func statusMapsOutcomesToStates() async throws {
        let state = DaemonState(source: "test")
        await state.record(try Self.report(), triggers: ["timer"])
        let status = await state.status()
        #expect(status.commit == "abc")
        let stacks = status.hosts.flatMap { host in host.stacks.map { "\(host.host)/\($0.stack)=\($0.state.rawValue)" } }
        // A rolled-back stack has its own state since the status page (issue 21) shows it apart from a failure.
        #expect(stacks == ["nas/web=in-sync", "nas/db=rolled-back", "iot/mqtt=failed"])
        #expect(status.hosts.first?.stacks.first?.lastRevision == 7)
        #expect(status.hosts.last?.reachable == false)
    }

    @Test func deliveriesAreBoundedAndSurviveARestart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("servertests-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: path) }
        let log = await DeliveryLog(capacity: 2, store: try Store(path: path))
        #expect(await log.firstSighting("a"))
        #expect(await !log.firstSighting("a"))
        #expect(await log.firstSighting("b"))
        #expect(await log.firstSighting("c"))  // pushes "a" out
        let restarted = await DeliveryLog(capacity: 2, store: try Store(path: path))
        #expect(await !restarted.firstSighting("c"))
        #expect(await !restarted.firstSighting("b"))
        #expect(await restarted.firstSighting("a"))
    }

    /// An update link whose decision failed (5xx) is forgotten, so the button works again, also after a restart.
    @Test func aForgottenDeliveryIsAcceptedAgain() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("servertests-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: path) }
        let log = await DeliveryLog(capacity: 4, store: try Store(path: path))
        #expect(await log.firstSighting("link"))
        #expect(await log.firstSighting("other"))
        await log.forget("link")
        let restarted = await DeliveryLog(capacity: 4, store: try Store(path: path))
        #expect(await !restarted.firstSighting("other"))
        #expect(await restarted.firstSighting("link"))
        #expect(await !restarted.firstSighting("link"))
    }
}

/// A runner that cannot run at all (its store is unreadable, say).
struct ThrowingRunner: PassRunner {
    struct Broken: Error, CustomStringConvertible { var description: String { "store unreadable" } }
    func apply(_ request: ApplyRequest, repository: URL) async throws -> PassReport { throw Broken() }
    func load(repository: URL) -> LoadResult { FakeRunner(log: PassLog()).load(repository: repository) }
}

@Suite struct PassErrorTests {
    @Test func aPassThatThrowsIsShownAndCounted() async throws {
        let daemon = try await RunningDaemon.start(settings: DaemonSettings(interval: .seconds(3600)),
                                                   source: LocalSource(directory: Fixtures.repo, environment: [:]),
                                                   runner: ThrowingRunner())
        #expect(await eventually { await daemon.daemon.state.status().lastPassError == "store unreadable" })
        #expect(try await daemon.request("GET", "/metrics").body.contains(#"reconcile_passes_total{result="error"} 1"#))
        await daemon.stop()
    }
}
