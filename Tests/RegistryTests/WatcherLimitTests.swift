import Foundation
@testable import Registry
import Testing

/// Pauses, budgets and back-off: how the watcher stays under every registry's limits.
@Suite struct WatcherLimitTests {
    @Test func tooManyRequestsStopsEveryRequestToThatRegistry() async throws {
        let harness = try await WatcherHarness(.init(status: 429, headers: ["Retry-After": "120"]))
        let watcher = try await harness.watcher()
        await watcher.watch(["lab/a:1", "lab/b:1", "lab/c:1"].map { WatchedImage(reference: harness.reference($0)) })
        let start = harness.clock.now

        let first = try await watcher.check(now: start)
        #expect(first.requests == 1, "the 429 stops the rest of the pass")
        #expect(first.deferred.count == 2)
        try harness.registry.set(.init())
        for offset in [1.0, 30, 60, 119] {
            let pass = try await watcher.check(now: start.addingTimeInterval(offset))
            #expect(pass.requests == 0, "no request \(offset) s after a 429 with Retry-After: 120")
            #expect(await watcher.due(now: start.addingTimeInterval(offset)).isEmpty)
        }
        #expect(try harness.registry.manifestRequests().count == 1)

        let resumed = try await watcher.check(now: start.addingTimeInterval(121))
        #expect(resumed.requests == 3, "after the pause every image is asked, the rate-limited one included")
        #expect(resumed.failures.isEmpty)
    }

    @Test func pauseSurvivesRestart() async throws {
        let harness = try await WatcherHarness(.init(status: 429, headers: ["Retry-After": "120"]))
        let list = [WatchedImage(reference: harness.reference("lab/a:1"))]
        do {
            let watcher = try await harness.watcher()
            await watcher.watch(list)
            _ = try await watcher.check(now: harness.clock.now)
        }
        let restarted = try await harness.watcher()
        await restarted.watch(list)
        #expect(try await restarted.check(now: harness.clock.advance(by: 60)).requests == 0)
        #expect(try harness.registry.manifestRequests().count == 1)
    }

    @Test func exhaustedQuotaPausesRegistryForItsWindow() async throws {
        let harness = try await WatcherHarness(.init(headers: ["RateLimit-Remaining": "0;w=900"]))
        let watcher = try await harness.watcher()
        await watcher.watch(["lab/a:1", "lab/b:1"].map { WatchedImage(reference: harness.reference($0)) })
        let start = harness.clock.now

        let first = try await watcher.check(now: start)
        #expect(first.checked.count == 1, "the answer itself is used; the next image waits")
        #expect(first.failures.isEmpty)
        #expect(first.deferred.count == 1)
        try harness.registry.set(.init(headers: ["RateLimit-Remaining": "90;w=900"]))
        #expect(try await watcher.check(now: start.addingTimeInterval(899)).requests == 0)
        #expect(try await watcher.check(now: start.addingTimeInterval(901)).requests == 1)

        let during = await watcher.report(now: start.addingTimeInterval(10))
        #expect(during.registries.first?.pausedUntil == start.addingTimeInterval(900))
        let after = await watcher.report(now: start.addingTimeInterval(901))
        #expect(after.registries.first?.pausedUntil == nil, "the pause is over once the window passed")
    }

    @Test func lowQuotaWithoutWindowPausesAnHour() async throws {
        let harness = try await WatcherHarness(.init(headers: ["RateLimit-Remaining": "1"]))
        let watcher = try await harness.watcher()
        await watcher.watch(["lab/a:1", "lab/b:1"].map { WatchedImage(reference: harness.reference($0)) })
        let start = harness.clock.now
        _ = try await watcher.check(now: start)
        let report = await watcher.report(now: start)
        #expect(report.registries.first?.pausedUntil == start.addingTimeInterval(3600))
        #expect(report.registries.first?.pauseReason == "RateLimit-Remaining: 1")
        #expect(report.text.contains("paused until"))
    }

    @Test func hourlyBudgetCapsRequestsPerRegistry() async throws {
        let harness = try await WatcherHarness(settings: WatcherSettings(requestsPerHour: 3))
        let watcher = try await harness.watcher()
        await watcher.watch((1...5).map { WatchedImage(reference: harness.reference("lab/app\($0):1")) })
        let start = harness.clock.now
        #expect(await watcher.due(now: start).count == 3)
        let first = try await watcher.check(now: start)
        #expect(first.requests == 3)
        #expect(first.deferred.count == 2)
        #expect(try await watcher.check(now: start.addingTimeInterval(1800)).requests == 0)
        #expect(try await watcher.check(now: start.addingTimeInterval(3601)).requests == 2)
    }

    @Test func failuresBackOffExponentiallyAndNeverPull() async throws {
        let harness = try await WatcherHarness(.init(status: 500))
        let watcher = try await harness.watcher()
        let reference = harness.reference("lab/a:1")
        await watcher.watch([WatchedImage(reference: reference, interval: .seconds(600))])
        var now = harness.clock.now
        var askedAt: [TimeInterval] = []
        let start = now
        for _ in 0..<(30 * 60 / 10) { // every 10 s for 30 minutes
            let pass = try await watcher.check(now: now)
            if pass.requests > 0 {
                askedAt.append(now.timeIntervalSince(start))
                #expect(pass.changed.isEmpty)
            }
            now = now.addingTimeInterval(10)
        }
        // 0, +1m, +2m, +4m, +8m, then capped at the 10 min interval.
        #expect(askedAt == [0, 60, 180, 420, 900, 1500])
        #expect(await watcher.newestDigest(for: reference) == nil)
        let report = await watcher.report(now: now)
        #expect(report.images.first?.failures == 6)
        #expect(report.images.first?.lastError?.contains("HTTP 500") == true)

        try harness.registry.set(.init())
        now = now.addingTimeInterval(600)
        #expect(try await watcher.check(now: now).failures.isEmpty)
        #expect(await watcher.report(now: now).images.first?.failures == 0, "a success resets the back-off")
    }

    @Test func unknownTagIsAnActionableFailure() async throws {
        let harness = try await WatcherHarness(.init(status: 404))
        let watcher = try await harness.watcher()
        await watcher.watch([WatchedImage(reference: harness.reference("lab/none:1"))])
        let pass = try await watcher.check(now: harness.clock.now)
        let message = try #require(pass.failures.values.first)
        #expect(message.contains("no such repository or tag"))
        #expect(message.contains("lab/none:1"))
    }
}
