import Foundation
import Testing
@testable import Server

/// `/hooks/image` over a real socket: only images a managed service follows start a pass, with `refresh` set.
@Suite(.serialized) struct ImageHookHTTPTests {
    func start(_ log: PassLog) async throws -> RunningDaemon {
        let settings = DaemonSettings(interval: .seconds(3600), gitSecret: Secret("git"), imageSecret: Secret("image"),
                                      registryToken: Secret("registry-token"))
        let daemon = try await RunningDaemon.start(settings: settings,
                                                   source: LocalSource(directory: Fixtures.repo, environment: [:]),
                                                   runner: FakeRunner(log: log))
        #expect(await eventually { await log.count == 1 })
        return daemon
    }

    @Test func registryNotificationRefreshesTheServicesUsingIt() async throws {
        let log = PassLog()
        let daemon = try await start(log)
        let body = try Fixtures.hook("registry-push.json")
        let denied = try await daemon.request("POST", "/hooks/image", headers: ["Authorization": "Bearer nope"], body: body)
        #expect(denied.status == 401)
        let answer = try await daemon.request("POST", "/hooks/image", headers: ["Authorization": "Bearer registry-token"],
                                              body: body)
        #expect(answer.status == 202)
        #expect(await eventually { await log.count == 2 })
        let pass = try #require(await log.requests.last)
        #expect(pass.trigger == .image)
        #expect(pass.triggers == ["image:127.0.0.1:5000/lab/app:stable"])
        #expect(pass.refresh == ["127.0.0.1:5000/lab/app:stable"])
        await daemon.stop()
    }

    @Test func unusedOrPinnedImagesStartNothing() async throws {
        let log = PassLog()
        let daemon = try await start(log)
        for image in ["127.0.0.1:5000/lab/unknown", "127.0.0.1:5000/lab/vault"] {
            let body = Data(#"{"image":"\#(image)","tag":"1"}"#.utf8)
            let signature = SignatureCheck.genericSignatureHeader(body: body, secret: Secret("image"))
            let answer = try await daemon.request("POST", "/hooks/image",
                                                  headers: ["X-Reconcile-Signature": signature], body: body)
            #expect(answer.status == 202)
            #expect(answer.body.contains("no managed service"))
        }
        let garbage = Data("[]".utf8)
        let bad = try await daemon.request("POST", "/hooks/image", headers: [
            "X-Reconcile-Signature": SignatureCheck.genericSignatureHeader(body: garbage, secret: Secret("image")),
        ], body: garbage)
        #expect(bad.status == 400)
        try await Task.sleep(for: .milliseconds(200))
        #expect(await log.count == 1)
        await daemon.stop()
    }

    @Test func triggerClientIsSignedWithTheGitSecret() async throws {
        let log = PassLog()
        let daemon = try await start(log)
        let client = try TriggerClient(url: "http://127.0.0.1:\(daemon.port)", secret: Secret("git"))
        #expect(try await client.send(reason: "post-receive:abc").contains("queued"))
        #expect(await eventually { await log.allTriggers.contains("api:post-receive:abc") })
        let stranger = try TriggerClient(url: "127.0.0.1:\(daemon.port)", secret: Secret("guess"))
        await #expect(throws: TriggerClient.Failure.self) { try await stranger.send(reason: "x") }
        await daemon.stop()
    }
}
