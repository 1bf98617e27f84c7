@testable import Controller
import Foundation
import Logging
import Testing
@testable import Server

/// Forge polling and commit statuses over real HTTP against a fake forge on loopback (no lab needed).
@Suite(.serialized)
struct ForgePollingTests {
    static let first = String(repeating: "a1", count: 20), second = String(repeating: "b2", count: 20)
    /// The fixed "now" rate-limit resets are measured from.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func tokenFile(_ token: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("forge-token-\(UUID().uuidString)")
        try "\(token)\n".write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func client(_ kind: ForgeConfig.Kind, _ forge: FakeForge, token: URL, api suffix: String = "") -> ForgeClient {
        let config = ForgeConfig(kind: kind, api: URL(string: forge.api + suffix)!, repo: "homelab/infra",
                                 tokenFile: token.path, interval: .seconds(5), statuses: true)
        return ForgeClient(config: config, branch: "main")
    }

    static var logger: Logger {
        var logger = Logger(label: "forge-test")
        logger.logLevel = .critical
        return logger
    }

    @Test func githubHeadIsAskedConditionallyAndANewShaQueuesOnePass() async throws {
        let forge = try await FakeForge.start(head: Self.first)
        let token = try Self.tokenFile("ghp_test")
        defer { forge.stop(); try? FileManager.default.removeItem(at: token) }
        let queue = TriggerQueue(), state = DaemonState(source: "test")
        let poller = ForgePoller(client: Self.client(.github, forge, token: token), queue: queue, state: state,
                                 logger: Self.logger, checkedOut: { nil }, now: { Self.now })

        #expect(await poller.poll() == .seconds(5))
        #expect(await queue.drain().map(\.name) == ["forge:git:\(Self.first)"])
        // Unchanged: the ETag goes back as If-None-Match, the forge answers 304, nothing is queued.
        #expect(await poller.poll() == .seconds(5))
        #expect(await poller.poll() == .seconds(5))
        #expect(await queue.drain().isEmpty)
        // A push: exactly one pass for the new head.
        try forge.setHead(Self.second)
        #expect(await poller.poll() == .seconds(5))
        #expect(await poller.poll() == .seconds(5))
        #expect(await queue.drain().map(\.name) == ["forge:git:\(Self.second)"])

        let requests = forge.requests
        #expect(requests.map(\.status) == [200, 304, 304, 200, 304])
        #expect(requests.allSatisfy { $0.path == "/repos/homelab/infra/commits/main" })
        #expect(requests.allSatisfy { $0.accept == "application/vnd.github.sha" && $0.auth == "Bearer ghp_test" })
        #expect(requests.map(\.inm) == [nil, "\"\(Self.first)\"", "\"\(Self.first)\"", "\"\(Self.first)\"",
                                        "\"\(Self.second)\""])
        let metrics = await state.metricsText()
        #expect(metrics.contains("reconcile_forge_polls_total{result=\"not_modified\"} 3"))
        #expect(metrics.contains("reconcile_forge_polls_total{result=\"changed\"} 2"))
    }

    @Test func theHeadTheCheckoutIsOnQueuesNothing() async throws {
        let forge = try await FakeForge.start(head: Self.first)
        let token = try Self.tokenFile("t")
        defer { forge.stop(); try? FileManager.default.removeItem(at: token) }
        let queue = TriggerQueue(), state = DaemonState(source: "test")
        let poller = ForgePoller(client: Self.client(.github, forge, token: token), queue: queue, state: state,
                                 logger: Self.logger, checkedOut: { Self.first })
        _ = await poller.poll()
        #expect(await queue.drain().isEmpty)
        #expect(await poller.head == Self.first)
    }

    @Test func rateLimitsAndErrorsMakeItWait() async throws {
        let forge = try await FakeForge.start(head: Self.first)
        let token = try Self.tokenFile("t")
        defer { forge.stop(); try? FileManager.default.removeItem(at: token) }
        let state = DaemonState(source: "test")
        await state.forgeStarted("fake", branch: "main")
        let poller = ForgePoller(client: Self.client(.github, forge, token: token), queue: TriggerQueue(), state: state,
                                 logger: Self.logger, checkedOut: { nil }, now: { Self.now })
        // The budget is spent: wait until the reset the forge names (plus a second), even on a 304.
        _ = await poller.poll()
        let reset = Int(Self.now.timeIntervalSince1970) + 600
        try forge.setHeaders(["X-RateLimit-Remaining": "0", "X-RateLimit-Reset": String(reset)])
        #expect(await poller.poll() == .seconds(601))
        // Budget left but little: the time to the reset is shared out over what remains (600 s / 10).
        try forge.setHeaders(["X-RateLimit-Remaining": "10", "X-RateLimit-Reset": String(reset)])
        #expect(await poller.poll() == .seconds(60))
        // Plenty left: the interval stands.
        try forge.setHeaders(["X-RateLimit-Remaining": "4999", "X-RateLimit-Reset": String(reset)])
        #expect(await poller.poll() == .seconds(5))
        // A secondary rate limit: 429 with Retry-After.
        try forge.setHeaders(["Retry-After": "120"])
        try forge.setGetStatus(429)
        #expect(await poller.poll() == .seconds(120))
        let shown = await state.status().forge
        #expect(shown?.lastResult == "rate_limited")
        #expect(shown?.nextPollAt == Self.now.addingTimeInterval(120))
        #expect(shown?.lastError?.contains("forge answered 429") == true)
        #expect(shown?.head == Self.first)
        // GitHub's 403 with a spent budget and no reset: the fallback minute.
        try forge.setHeaders(["X-RateLimit-Remaining": "0"])
        try forge.setGetStatus(403)
        #expect(await poller.poll() == .seconds(60))
        // A failing forge: the wait doubles from the interval, and is back to the interval once it answers.
        try forge.setHeaders([:])
        try forge.setGetStatus(500)
        #expect(await poller.poll() == .seconds(5))
        #expect(await poller.poll() == .seconds(10))
        #expect(await poller.poll() == .seconds(20))
        try forge.setGetStatus(0)
        #expect(await poller.poll() == .seconds(5))
        let metrics = await state.metricsText()
        #expect(metrics.contains("reconcile_forge_polls_total{result=\"rate_limited\"} 4"))
        #expect(metrics.contains("reconcile_forge_polls_total{result=\"error\"} 3"))
    }

    static func host(_ name: String, _ outcomes: [(String, StackReport.Outcome)]) -> HostReport {
        HostReport(host: name, endpoint: "unix:///\(name).sock", reachable: true, error: nil,
                   stacks: outcomes.map { StackReport(stack: $0.0, outcome: $0.1, revision: nil, actions: [], error: nil) },
                   requests: 0)
    }

    @Test func giteaStatusesArePostedPerHostAndAFailingEndpointIsOnlyCounted() async throws {
        let forge = try await FakeForge.start(head: Self.first)
        let token = try Self.tokenFile("gitea_tok")
        defer { forge.stop(); try? FileManager.default.removeItem(at: token) }
        let state = DaemonState(source: "test")
        let client = Self.client(.gitea, forge, token: token, api: "/api/v1")
        // The Gitea head: the branches endpoint, the sha from `commit.id`.
        let (head, _) = try await client.head(etag: nil)
        #expect(head == .commit(Self.first, etag: "\"\(Self.first)\""))
        #expect(forge.requests.last?.path == "/api/v1/repos/homelab/infra/branches/main")

        let reporter = CommitStatusReporter(client: client, state: state, logger: Self.logger)
        let many = (1...30).map { ("stack-with-a-long-name-\($0)", StackReport.Outcome.failed) }
        let report = PassReport(mode: .apply, commit: Self.first, startedAt: Self.now, finishedAt: Self.now, diagnostics: [],
                                hosts: [Self.host("nas", [("web", .applied), ("db", .inSync)]),
                                        Self.host("iot", [("mqtt", .rolledBack)]), Self.host("edge", many)])
        await reporter.report(report)
        // The same pass again (a timer pass on the same commit) posts nothing new.
        await reporter.report(report)
        let posted = forge.statuses
        #expect(posted.map(\.path) == Array(repeating: "/api/v1/repos/homelab/infra/statuses/\(Self.first)", count: 3))
        #expect(posted.allSatisfy { $0.auth == "token gitea_tok" })
        #expect(posted.map { $0.body["context"] } == ["reconcile/nas", "reconcile/iot", "reconcile/edge"])
        #expect(posted.map { $0.body["state"] } == ["success", "failure", "failure"])
        #expect(posted[0].body["description"] == "nas: 1 applied, 1 in sync")
        #expect(posted[1].body["description"] == "iot: 1 rolled back (mqtt)")
        #expect(posted[2].body["description"]?.count == 140)

        // The status endpoint breaks: the post is counted as failed, and nothing throws.
        try forge.setStatusCode(500)
        var next = report
        next.commit = Self.second
        next.hosts = [Self.host("nas", [("web", .applied)])]
        await reporter.report(next)
        #expect(forge.statuses.last?.status == 500)
        let metrics = await state.metricsText()
        #expect(metrics.contains("reconcile_commit_statuses_total{result=\"posted\"} 3"))
        #expect(metrics.contains("reconcile_commit_statuses_total{result=\"failed\"} 1"))
        // Once it works again, the status that failed is posted (it was not marked as sent).
        try forge.setStatusCode(201)
        await reporter.report(next)
        #expect(forge.statuses.last?.status == 201)
        #expect(forge.statuses.last?.path.hasSuffix("/statuses/\(Self.second)") == true)
    }
}
