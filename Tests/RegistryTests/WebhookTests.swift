import Basics
import Foundation
import Spec
import Testing
@testable import Registry

/// Registry notifications (a real `docker-registry` 2.8 push envelope) and the watch list built from stacks.
@Suite struct WebhookTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    @Test func tagPushesAreReadAndBlobPushesSkipped() throws {
        let pushes = try RegistryNotification.pushes(in: try Self.fixture("notification-push"))
        #expect(pushes == [.init(reference: "127.0.0.1:5055/lab/hook:v1",
                                 digest: "sha256:b62c603a7e5563f6020279847e501616a775b9fc5c9a620a8ffe4d440d68aa4d")])
    }

    @Test func notAnEnvelopeIsAnError() {
        #expect(throws: NotificationError.self) { try RegistryNotification.pushes(in: Data("[]".utf8)) }
    }

    @Test func notificationFeedsTheWatcherAndDefersPolling() async throws {
        let harness = try await WatcherHarness()
        let watcher = try await harness.watcher()
        await watcher.watch([WatchedImage(reference: "127.0.0.1:5055/lab/hook:v1"),
                             WatchedImage(reference: "127.0.0.1:5055/lab/hook:v1", interval: .seconds(7200))])
        let moved = try await watcher.recordNotification(try Self.fixture("notification-push"), at: harness.clock.now)
        #expect(moved == ["127.0.0.1:5055/lab/hook:v1"])
        #expect(await watcher.due(now: harness.clock.now.addingTimeInterval(7199)).isEmpty,
                "the next poll is a whole (shortest) interval after the push")
        #expect(try await watcher.recordNotification(try Self.fixture("notification-push"), at: harness.clock.now).isEmpty,
                "the same push again moves nothing")
    }

    @Test func shortenedIntervalTakesEffectWithoutWaitingOutTheOldOne() async throws {
        let harness = try await WatcherHarness()
        let watcher = try await harness.watcher()
        let reference = harness.reference("lab/a:1")
        await watcher.watch([WatchedImage(reference: reference)])
        _ = try await watcher.check(now: harness.clock.now)
        await watcher.watch([WatchedImage(reference: reference, interval: .seconds(300))])
        #expect(await watcher.due(now: harness.clock.now.addingTimeInterval(299)).isEmpty)
        #expect(await watcher.due(now: harness.clock.now.addingTimeInterval(331)).count == 1)
    }

    @Test func watchListTakesOnlyStacksThatFollowTags() {
        let here = Basics.SourceLocation(file: "stacks/x/compose.yaml", line: 1, column: 1)
        func stack(_ name: String, _ images: [String], _ policy: UpdatePolicy) -> StackSpec {
            StackSpec(name: name, projectName: name, directory: "/repo/stacks/\(name)", file: "stacks/\(name)/compose.yaml",
                      services: images.enumerated().map { ServiceSpec(name: "s\($0.offset)", image: $0.element, source: here) },
                      placement: .hosts(["nas"]), updates: policy, source: here, policySource: here)
        }
        let list = WatchedImage.list(for: [
            stack("web", ["nginx", "redis:7", "nginx"], UpdatePolicy(mode: .digest, interval: .seconds(600))),
            stack("db", ["postgres:16"], UpdatePolicy(mode: .pinned)),
            stack("media", ["jellyfin/jellyfin"], UpdatePolicy(mode: .none)),
            stack("tools", ["nginx"], UpdatePolicy()),
        ])
        #expect(list == [WatchedImage(reference: "nginx", interval: .seconds(600)),
                         WatchedImage(reference: "redis:7", interval: .seconds(600)),
                         WatchedImage(reference: "nginx")])
    }
}
