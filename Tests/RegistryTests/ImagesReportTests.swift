import Foundation
@testable import Registry
import Testing

/// What `reconcile images` prints.
@Suite struct ImagesReportTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func rendersDigestTimesBackoffAndPause() {
        let report = ImagesReport(generatedAt: now, images: [
            .init(reference: "docker.io/library/nginx:latest", usedAs: ["nginx", "nginx:latest"],
                  registry: "registry-1.docker.io", digest: "sha256:abc", source: "poll",
                  checkedAt: now.addingTimeInterval(-180), nextCheckAt: now.addingTimeInterval(6 * 3600 + 120),
                  failures: 0, lastError: nil),
            .init(reference: "ghcr.io/o/r:t", usedAs: ["ghcr.io/o/r:t"], registry: "ghcr.io", digest: nil, source: nil,
                  checkedAt: nil, nextCheckAt: now.addingTimeInterval(120), failures: 2, lastError: "HTTP 500"),
        ], registries: [
            .init(registry: "ghcr.io", pausedUntil: now.addingTimeInterval(90), pauseReason: "HTTP 429 Too Many Requests",
                  requestsThisHour: 5, budgetPerHour: 60),
            .init(registry: "registry-1.docker.io", pausedUntil: nil, pauseReason: nil, requestsThisHour: 1, budgetPerHour: 60),
        ])
        let expected = """
            docker.io/library/nginx:latest
              used as:    nginx, nginx:latest
              digest:     sha256:abc [poll]
              checked:    2027-01-15 07:57:00Z (3m 0s ago)
              next check: 2027-01-15 14:02:00Z (in 6h 2m)
            ghcr.io/o/r:t
              digest:     unknown (not checked yet)
              next check: 2027-01-15 08:02:00Z (in 2m 0s)
              backing off after 2 failed checks: HTTP 500
              registry paused until 2027-01-15 08:01:30Z (in 1m 30s)
            registry ghcr.io: 5/60 requests this hour; paused until 2027-01-15 08:01:30Z (in 1m 30s) (HTTP 429 Too Many Requests)
            registry registry-1.docker.io: 1/60 requests this hour

            """
        #expect(report.text == expected)
    }

    @Test func emptyReportSaysWhy() {
        let report = ImagesReport(generatedAt: now, images: [], registries: [])
        #expect(report.text == "no images are watched (no stack follows tags)\n")
    }

    @Test func watcherReportCountsRequestsAndShowsNeverChecked() async throws {
        let harness = try await WatcherHarness()
        let watcher = try await harness.watcher()
        await watcher.watch([WatchedImage(reference: harness.reference("lab/a:1")),
                             WatchedImage(reference: harness.reference("lab/b:1"), interval: .seconds(60))])
        let before = await watcher.report(now: harness.clock.now)
        #expect(before.images.map(\.digest) == [nil, nil])
        _ = try await watcher.check(now: harness.clock.now)
        let after = await watcher.report(now: harness.clock.now)
        #expect(after.registries.map(\.requestsThisHour) == [2])
        #expect(after.images.allSatisfy { $0.digest?.hasPrefix("sha256:") == true && $0.checkedAt == harness.clock.now })
        let next = after.images.compactMap(\.nextCheckAt).map { $0.timeIntervalSince(harness.clock.now) }
        #expect(next[0] >= 6 * 3600 && next[0] < 6 * 3600 * 1.1)
        #expect(next[1] >= 60 && next[1] < 66)
    }
}
