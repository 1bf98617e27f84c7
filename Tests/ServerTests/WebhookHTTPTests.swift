import Foundation
import Testing
@testable import Server

/// The daemon in-process on 127.0.0.1, spoken to over a real socket; passes counted by a fake runner.
@Suite(.serialized) struct WebhookHTTPTests {
    static let secret = Secret("git-hook-secret")
    static let registryToken = Secret("registry-token")

    func start(_ log: PassLog, settings: DaemonSettings? = nil) async throws -> RunningDaemon {
        let settings = settings ?? DaemonSettings(interval: .seconds(3600), gitSecret: Self.secret,
                                                  registryToken: Self.registryToken, maxBodyBytes: 4096)
        let daemon = try await RunningDaemon.start(settings: settings,
                                                   source: LocalSource(directory: Fixtures.repo, environment: [:]),
                                                   runner: FakeRunner(log: log))
        #expect(await eventually { await log.count == 1 })  // the start-up pass
        return daemon
    }

    func github(_ body: Data, delivery: String, secret: Secret = Self.secret) -> [String: String] {
        ["X-Hub-Signature-256": SignatureCheck.signatureHeader(body: body, secret: secret),
         "X-GitHub-Delivery": delivery, "X-GitHub-Event": "push", "Content-Type": "application/json"]
    }

    @Test func validPushRunsOnePassThatNamesTheDelivery() async throws {
        let log = PassLog()
        let daemon = try await start(log)
        defer { Task { await daemon.stop() } }
        let body = try Fixtures.hook("github-push.json")
        let answer = try await daemon.request("POST", "/hooks/git", headers: github(body, delivery: "d-1"), body: body)
        #expect(answer.status == 202)
        #expect(await eventually { await log.count == 2 })
        #expect(await log.requests.last?.triggers == ["webhook:git:d-1"])
        #expect(await log.requests.last?.trigger == .webhook)
        await daemon.stop()
    }

    @Test func wrongMissingAndReplayedAreRefusedAndRunNothing() async throws {
        let log = PassLog()
        let daemon = try await start(log)
        let body = try Fixtures.hook("github-push.json")
        let wrong = try await daemon.request("POST", "/hooks/git",
                                             headers: github(body, delivery: "w-1", secret: Secret("guess")), body: body)
        #expect(wrong.status == 401)
        let missing = try await daemon.request("POST", "/hooks/git", headers: ["X-GitHub-Delivery": "m-1"], body: body)
        #expect(missing.status == 401)
        #expect(try await daemon.request("POST", "/hooks/git", headers: github(body, delivery: "r-1"), body: body).status == 202)
        #expect(await eventually { await log.count == 2 })
        let replay = try await daemon.request("POST", "/hooks/git", headers: github(body, delivery: "r-1"), body: body)
        #expect(replay.status == 409)
        let other = try Fixtures.hook("github-push-other-branch.json")
        let ignored = try await daemon.request("POST", "/hooks/git", headers: github(other, delivery: "o-1"), body: other)
        #expect(ignored.status == 202)
        #expect(ignored.body.contains("ignored"))
        // A marker pass proves the queue is drained: nothing refused slipped in before or with it.
        #expect(try await daemon.request("POST", "/hooks/git", headers: github(body, delivery: "marker"), body: body).status == 202)
        #expect(await eventually { await log.allTriggers.contains("webhook:git:marker") })
        #expect(await log.allTriggers == ["startup", "webhook:git:r-1", "webhook:git:marker"])
        let metrics = try await daemon.request("GET", "/metrics").body
        #expect(metrics.contains(#"reconcile_webhook_requests_total{endpoint="git",result="unauthorized"} 2"#))
        #expect(metrics.contains(#"reconcile_webhook_requests_total{endpoint="git",result="replayed"} 1"#))
        #expect(metrics.contains(#"reconcile_webhook_requests_total{endpoint="git",result="ignored"} 1"#))
        await daemon.stop()
    }

    /// Issue 17, point 4: a captured generic request has no delivery id to check, and is still refused when sent again.
    @Test func replayedGenericRequestWithoutDeliveryIdIsRefused() async throws {
        let log = PassLog()
        let daemon = try await start(log)
        let body = Data(#"{"reason":"ci"}"#.utf8)
        let headers = ["X-Reconcile-Signature": SignatureCheck.genericSignatureHeader(body: body, secret: Self.secret)]
        #expect(try await daemon.request("POST", "/api/trigger", headers: headers, body: body).status == 202)
        #expect(await eventually { await log.count == 2 })
        #expect(try await daemon.request("POST", "/api/trigger", headers: headers, body: body).status == 409)
        var withNewID = headers
        withNewID["X-Reconcile-Delivery"] = "fresh-id"
        #expect(try await daemon.request("POST", "/api/trigger", headers: withNewID, body: body).status == 409,
                "an unsigned header cannot make a replay new")
        let stale = SignatureCheck.genericSignatureHeader(body: body, secret: Self.secret, at: Date().addingTimeInterval(-600))
        #expect(try await daemon.request("POST", "/api/trigger", headers: ["X-Reconcile-Signature": stale], body: body).status
            == 401)
        try await Task.sleep(for: .milliseconds(200))
        #expect(await log.count == 2)
        await daemon.stop()
    }

    @Test func oversizeBodyIs413EvenWhenSigned() async throws {
        let log = PassLog()
        let daemon = try await start(log)
        let body = Data(String(repeating: "x", count: 20_000).utf8)
        let answer = try await daemon.request("POST", "/hooks/git", headers: github(body, delivery: "big"), body: body)
        #expect(answer.status == 413)
        let image = try await daemon.request("POST", "/hooks/image", headers: ["Authorization": "Bearer registry-token"],
                                             body: body)
        #expect(image.status == 413)
        try await Task.sleep(for: .milliseconds(200))
        #expect(await log.count == 1)
        #expect(try await daemon.request("GET", "/metrics").body
            .contains(#"reconcile_webhook_requests_total{endpoint="git",result="too_large"} 1"#))
        await daemon.stop()
    }

    @Test func hooksWithoutSecretsAre404() async throws {
        let log = PassLog()
        let daemon = try await start(log, settings: DaemonSettings(interval: .seconds(3600)))
        let body = try Fixtures.hook("github-push.json")
        #expect(try await daemon.request("POST", "/hooks/git", headers: github(body, delivery: "x"), body: body).status == 404)
        #expect(try await daemon.request("POST", "/hooks/image", body: body).status == 404)
        #expect(try await daemon.request("POST", "/api/trigger", body: body).status == 404)
        #expect(try await daemon.request("GET", "/healthz").status == 200)
        await daemon.stop()
    }

    @Test func burstOfHundredTriggersMakesAtMostTwoPasses() async throws {
        let log = PassLog()
        let daemon = try await start(log)
        await log.close()
        let body = try Fixtures.hook("github-push.json")
        for n in 0..<100 {
            let answer = try await daemon.request("POST", "/hooks/git", headers: github(body, delivery: "burst-\(n)"), body: body)
            #expect(answer.status == 202)
        }
        await log.open()
        let served = { await log.allTriggers.filter { $0.hasPrefix("webhook:git:burst-") }.count }
        #expect(await eventually { await served() == 100 })
        try await Task.sleep(for: .milliseconds(300))
        let burstPasses = await log.count - 1
        #expect(burstPasses >= 1 && burstPasses <= 2)
        #expect(await served() == 100)
        await daemon.stop()
    }
}
