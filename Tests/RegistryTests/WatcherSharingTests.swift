import Foundation
@testable import Registry
import Testing

/// One request per unique image per interval, shared by every host and stack, surviving restarts.
@Suite struct WatcherSharingTests {
    static let images = ["lab/web:1", "lab/db:16", "lab/cache:7", "lab/proxy:stable"]

    /// 30 services on 3 hosts, 10 each, cycling through the 4 images, written several ways.
    static func services(_ harness: WatcherHarness) -> [WatchedImage] {
        (0..<30).map { index in
            WatchedImage(reference: harness.reference(images[index % images.count]))
        }
    }

    @Test func thirtyServicesFourImagesFourRequestsPerInterval() async throws {
        let harness = try await WatcherHarness()
        let watcher = try await harness.watcher()
        #expect(await watcher.watch(Self.services(harness)).isEmpty)
        #expect(await watcher.due(now: harness.clock.now).count == 4)

        let first = try await watcher.check(now: harness.clock.now)
        #expect(first.checked.count == 4)
        #expect(try harness.registry.manifestRequests().count == 4)
        #expect(Set(try harness.registry.manifestRequests().map(\.method)) == ["HEAD"])

        // Every host's pass in the same interval asks the watcher again: no new requests.
        for _ in 0..<3 {
            harness.clock.advance(by: 600)
            _ = try await watcher.check(now: harness.clock.now)
        }
        #expect(try harness.registry.manifestRequests().count == 4)

        // One interval (6 h) plus the largest possible jitter (10 %) later: exactly one more round.
        harness.clock.advance(by: 6 * 3600 * 1.1)
        let second = try await watcher.check(now: harness.clock.now)
        #expect(second.requests == 4)
        _ = try await watcher.check(now: harness.clock.now)
        #expect(try harness.registry.manifestRequests().count == 8)
        #expect(second.changed.isEmpty, "nothing was pushed, so nothing moved")
    }

    @Test func overlappingChecksAskOncePerImage() async throws {
        let harness = try await WatcherHarness()
        let watcher = try await harness.watcher()
        await watcher.watch(Self.services(harness))
        let now = harness.clock.now
        async let a = watcher.check(now: now)
        async let b = watcher.check(now: now)
        async let c = watcher.check(now: now)
        let passes = try await [a, b, c]
        #expect(passes.map(\.requests).reduce(0, +) == 4)
        #expect(try harness.registry.manifestRequests().count == 4)
        #expect(Set(try harness.registry.manifestRequests().map(\.path)).count == 4)
    }

    @Test func movedTagIsReportedUnderEverySpellingServicesUse() async throws {
        let harness = try await WatcherHarness()
        let watcher = try await harness.watcher()
        let short = harness.reference("lab/web")
        await watcher.watch([WatchedImage(reference: short, interval: .seconds(60)),
                             WatchedImage(reference: short + ":latest", interval: .seconds(3600))])
        _ = try await watcher.check(now: harness.clock.now)
        let before = await watcher.newestDigest(for: short)
        try harness.registry.set(.init(generation: 1))
        harness.clock.advance(by: 67) // the shortest interval wins (60 s + ≤ 6 s jitter)
        let pass = try await watcher.check(now: harness.clock.now)
        #expect(pass.changed == [short, short + ":latest"])
        #expect(await watcher.newestDigest(for: short + ":latest") != before)
        #expect(try harness.registry.manifestRequests().count == 2)
    }

    @Test func restartDoesNotRepeatRequests() async throws {
        let harness = try await WatcherHarness()
        let list = Self.services(harness)
        do {
            let first = try await harness.watcher()
            await first.watch(list)
            _ = try await first.check(now: harness.clock.now)
        }
        #expect(try harness.registry.manifestRequests().count == 4)

        harness.clock.advance(by: 60)
        let restarted = try await harness.watcher()
        await restarted.watch(list)
        #expect(await restarted.due(now: harness.clock.now).isEmpty)
        let pass = try await restarted.check(now: harness.clock.now)
        #expect(pass.requests == 0)
        #expect(try harness.registry.manifestRequests().count == 4)
        #expect(await restarted.newestDigest(for: list[0].reference) != nil, "digests survive the restart")

        harness.clock.advance(by: 6 * 3600 * 1.1)
        #expect(await restarted.due(now: harness.clock.now).count == 4)
    }

    @Test func pinnedDigestsAreNeverPolled() async throws {
        let harness = try await WatcherHarness()
        let watcher = try await harness.watcher()
        let pinned = harness.reference("lab/web@sha256:" + String(repeating: "0", count: 64))
        await watcher.watch([WatchedImage(reference: pinned)])
        #expect(try await watcher.check(now: harness.clock.now).requests == 0)
        #expect(try harness.registry.requests().isEmpty)
        let report = await watcher.report(now: harness.clock.now)
        #expect(report.images.first?.source == "pinned")
    }

    @Test func webhookUpdatesCacheAndPushesPollOut() async throws {
        let harness = try await WatcherHarness()
        let watcher = try await harness.watcher()
        let reference = harness.reference("lab/web:1")
        await watcher.watch([WatchedImage(reference: reference, interval: .seconds(3600))])
        let digest = "sha256:" + String(repeating: "c", count: 64)
        #expect(try await watcher.recordWebhook(reference: reference, digest: digest, at: harness.clock.now))
        #expect(try await !watcher.recordWebhook(reference: reference, digest: digest, at: harness.clock.now))
        #expect(await watcher.newestDigest(for: reference) == digest)

        // Webhooks keep arriving every 50 minutes: the poll never comes due.
        for _ in 0..<5 {
            harness.clock.advance(by: 3000)
            _ = try await watcher.check(now: harness.clock.now)
            try await watcher.recordWebhook(reference: reference, digest: digest, at: harness.clock.now)
        }
        #expect(try harness.registry.requests().isEmpty)
        let report = await watcher.report(now: harness.clock.now)
        #expect(report.images.first?.source == "webhook")
        #expect(report.images.first?.digest == digest)
    }
}
