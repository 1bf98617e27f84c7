import Controller
import Foundation
import Spec
import Testing
@testable import Server

/// Issue 21: a stack page reads its containers from the one engine, at most once per stack in the cache's
/// lifetime; the overview reads none. (StatusPageLabTests shows a real engine's answer in the browser.)
@Suite(.serialized)
struct LiveContainerCacheTests {
    /// FakeRunner's passes, plus a stack's containers counted per request.
    struct CountingRunner: PassRunner {
        let base: FakeRunner
        let asked: PassLog

        func apply(_ request: ApplyRequest, repository: URL) async throws -> PassReport {
            try await base.apply(request, repository: repository)
        }

        func load(repository: URL) -> LoadResult { base.load(repository: repository) }

        func stackContainers(host: String, stack: String, repository: URL) async throws -> StackContainers {
            await asked.enter(ApplyRequest(retry: [stack]))
            let web = StackContainers.Container(name: "\(stack)-web-1", service: "web", state: "running", health: "healthy",
                                                startedAt: "2026-11-26T06:00:00Z", exitCode: nil, image: "lab/app:1")
            return StackContainers(host: host, stack: stack, containers: [web], readAt: Date())
        }
    }

    @Test func theEngineIsAskedOncePerStackWithinTheLifetimeAndNeverForTheOverview() async throws {
        let passes = PassLog(), asked = PassLog()
        let daemon = try await RunningDaemon.start(
            settings: DaemonSettings(interval: .seconds(3600)), source: LocalSource(directory: Fixtures.repo, environment: [:]),
            runner: CountingRunner(base: FakeRunner(log: passes), asked: asked))
        #expect(await eventually { await daemon.daemon.state.status().passes == 1 })
        #expect(try await daemon.request("GET", "/api/status").status == 200)
        #expect(await asked.count == 0, "the overview asked an engine")

        let first = try await daemon.request("GET", "/api/containers?host=nas&stack=web")
        #expect(first.status == 200)
        #expect(first.body.contains(#""health" : "healthy""#) && first.body.contains(#""state" : "running""#), "\(first.body)")
        _ = try await daemon.request("GET", "/api/containers?host=nas&stack=web")
        #expect(await asked.count == 1, "a second read within the lifetime asked the engine again")
        _ = try await daemon.request("GET", "/api/containers?host=nas&stack=other")
        #expect(await asked.count == 2)
        #expect(try await daemon.request("GET", "/api/containers?host=nas").status == 400)
        await daemon.stop()
    }

    @Test func aRunnerWithoutEnginesAnswersWithTheReason() async throws {
        let cache = LiveContainerCache(source: LocalSource(directory: Fixtures.repo, environment: [:]),
                                       runner: FakeRunner(log: PassLog()))
        guard case .failed(let reason) = await cache.containers(host: "nas", stack: "web") else {
            Issue.record("a runner without engines gave containers")
            return
        }
        #expect(reason.contains("reads no engine"), "\(reason)")
    }
}
