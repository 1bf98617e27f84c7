import Foundation
@testable import Registry
import Testing

/// Version policies list tags once per repository per interval, inside the registry's budget, and webhooks
/// fill the same list.
@Suite struct TagListingTests {
    static let repositories = ["lab/web", "lab/db", "lab/cache", "lab/proxy", "lab/queue"]
    static let published = ["1.2.0", "1.2.1", "1.3.0", "2.0.0", "1.3.0-rc1", "1.3.1-alpine"]

    static var control: FakeRegistry.Control {
        var control = FakeRegistry.Control()
        control.tags = Dictionary(uniqueKeysWithValues: repositories.map { ($0, published) })
        return control
    }

    /// 50 services over the 5 repositories, on tags spelled as services write them.
    static func services(_ harness: WatcherHarness) -> [WatchedImage] {
        (0..<50).map { index in
            let tag = ["1.2.0", "1.2.1", "1.3.0"][index % 3]
            return WatchedImage(reference: harness.reference("\(repositories[index % repositories.count]):\(tag)"))
        }
    }

    static func listings(_ registry: FakeRegistry) throws -> [FakeRegistry.LoggedRequest] {
        try registry.requests().filter { $0.path.contains("/tags/list") }
    }

    @Test func fiftyServicesFiveRepositoriesFiveListingsPerInterval() async throws {
        let harness = try await WatcherHarness(Self.control)
        let watcher = try await harness.watcher()
        #expect(await watcher.watchTags(Self.services(harness)).isEmpty)

        let first = try await watcher.checkTags(now: harness.clock.now)
        #expect(first.checked.count == 5)
        #expect(first.requests == 5)
        #expect(try Self.listings(harness.registry).count == 5)
        #expect(try harness.registry.manifestRequests().isEmpty, "listing tags asks for no manifest")
        #expect(await watcher.tags(for: harness.reference("lab/db:1.2.0"))?.sorted() == Self.published.sorted())

        // Every pass in the same interval asks again: no new listing, and a restart remembers.
        harness.clock.advance(by: 600)
        _ = try await watcher.checkTags(now: harness.clock.now)
        let restarted = try await harness.watcher()
        await restarted.watchTags(Self.services(harness))
        #expect(try await restarted.checkTags(now: harness.clock.now).requests == 0)
        #expect(try Self.listings(harness.registry).count == 5)

        harness.clock.advance(by: 6 * 3600 * 1.1)
        #expect(try await restarted.checkTags(now: harness.clock.now).requests == 5)
        #expect(try Self.listings(harness.registry).count == 10)
    }

    @Test func webhookDeliveredTagsCostNoListing() async throws {
        let harness = try await WatcherHarness(Self.control)
        let watcher = try await harness.watcher()
        await watcher.watchTags(Self.services(harness))
        let digest = "sha256:" + String(repeating: "d", count: 64)
        for repository in Self.repositories {
            try await watcher.recordWebhook(reference: harness.reference("\(repository):1.4.0"), digest: digest,
                                            at: harness.clock.now)
        }
        let pass = try await watcher.checkTags(now: harness.clock.now)
        #expect(pass.requests == 0)
        #expect(try Self.listings(harness.registry).isEmpty)
        #expect(await watcher.tags(for: harness.reference("lab/web:1.2.0")) == ["1.4.0"])
    }

    @Test func pagesAreFollowedThroughLinkWithTheBearerToken() async throws {
        var control = Self.control
        control.auth = "bearer"
        control.page_size = 4
        let harness = try await WatcherHarness(control)
        let watcher = try await harness.watcher()
        await watcher.watchTags([WatchedImage(reference: harness.reference("lab/web:1.2.0"))])
        let pass = try await watcher.checkTags(now: harness.clock.now)
        #expect(pass.failures.isEmpty)
        #expect(await watcher.tags(for: harness.reference("lab/web:1.2.0"))?.sorted() == Self.published.sorted())
        let listings = try Self.listings(harness.registry)
        // A 401, the retried first page, then the second page with the cached token.
        #expect(listings.count == 3)
        #expect(listings.last?.path.contains("last=") == true)
        #expect(listings.last?.authorization.hasPrefix("Bearer tok-") == true)
        #expect(try harness.registry.tokenRequests().count == 1)
    }

    @Test func tooManyRequestsPausesListingAndDigestChecksAlike() async throws {
        var control = Self.control
        control.status = 429
        control.headers = ["Retry-After": "600"]
        let harness = try await WatcherHarness(control)
        let watcher = try await harness.watcher()
        await watcher.watchTags(Self.services(harness))
        await watcher.watch([WatchedImage(reference: harness.reference("lab/web:1.2.0"))])
        let pass = try await watcher.checkTags(now: harness.clock.now)
        #expect(pass.checked.count == 1, "the 429 stops the other repositories")
        #expect(pass.deferred.count == 4)
        #expect(try await watcher.check(now: harness.clock.now).requests == 0, "digest checks wait for the pause too")
        harness.clock.advance(by: 601)
        try harness.registry.set(Self.control)
        #expect(try await watcher.checkTags(now: harness.clock.now).requests == 5)
    }

    @Test func failedListingsBackOffLikeDigestChecks() async throws {
        var control = Self.control
        control.status = 500
        let harness = try await WatcherHarness(control)
        let watcher = try await harness.watcher()
        let reference = harness.reference("lab/web:1.2.0")
        await watcher.watchTags([WatchedImage(reference: reference, interval: .seconds(600))])
        let key = try RegistryWatcher.repositoryKey(ImageName(parsing: reference))
        var now = harness.clock.now
        let start = now
        var askedAt: [TimeInterval] = []
        for _ in 0..<(30 * 60 / 10) { // every 10 s for 30 minutes
            let pass = try await watcher.checkTags(now: now)
            if pass.requests > 0 {
                askedAt.append(now.timeIntervalSince(start))
                #expect(pass.failures[key]?.contains("HTTP 500") == true, "\(pass.failures)")
                #expect(pass.changed.isEmpty)
            }
            now = now.addingTimeInterval(10)
        }
        // 0, +1m, +2m, +4m, +8m, then capped at the 10 min interval: the digest checks' schedule.
        #expect(askedAt == [0, 60, 180, 420, 900, 1500])
        #expect(await watcher.tagLists[key]?.failures == 6)
        #expect(await watcher.tagLists[key]?.lastError?.contains("HTTP 500") == true)

        try harness.registry.set(Self.control)
        now = now.addingTimeInterval(600)
        let pass = try await watcher.checkTags(now: now)
        #expect(pass.failures.isEmpty)
        #expect(pass.changed == [key])
        #expect(Set(await watcher.tags(for: reference) ?? []) == Set(Self.published))
        #expect(await watcher.tagLists[key]?.failures == 0, "a success resets the back-off")
    }

    @Test func lowRemainingQuotaPausesTheRegistry() async throws {
        var control = Self.control
        control.headers = ["RateLimit-Remaining": "1;w=3600"]
        let harness = try await WatcherHarness(control)
        let watcher = try await harness.watcher()
        await watcher.watchTags(Self.services(harness))
        let pass = try await watcher.checkTags(now: harness.clock.now)
        #expect(pass.checked.count == 1)
        #expect(pass.deferred.count == 4)
    }

    @Test func linkHeaderFormsRegistriesSend() {
        #expect(RegistryClient.nextPage(#"</v2/a/tags/list?n=2&last=b>; rel="next""#) == "/v2/a/tags/list?n=2&last=b")
        #expect(RegistryClient.nextPage(#"<https://ghcr.io/v2/a/tags/list?last=b&n=2>; rel="next""#) == "/v2/a/tags/list?last=b&n=2")
        #expect(RegistryClient.nextPage(nil) == nil)
        #expect(RegistryClient.nextPage(#"</v2/a/tags/list?n=2>; rel="prev""#) == nil)
    }
}
