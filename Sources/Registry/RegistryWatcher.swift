import FoundationEssentials
import Logging
import Store

/// Watches the tags managed services use without ever getting a registry to rate-limit us: one
/// request per unique image per interval for all hosts and stacks, a per-registry hourly budget,
/// pauses on low quota or 429, exponential back-off per image, and webhooks that make polling moot.
/// Its memory lives in the Store, so a restart does not re-ask what was just asked.
public actor RegistryWatcher {
    /// One unique image and everything that refers to it.
    struct Target: Sendable {
        var image: ImageName
        var interval: TimeInterval
        var usedAs: Set<String>
    }

    let store: Store
    let client: RegistryClient
    let settings: WatcherSettings
    let logger: Logger
    let clock: @Sendable () -> Date
    /// Canonical reference → target, from the last `watch`.
    var targets: [String: Target] = [:]
    /// Canonical reference → persisted state.
    var images: [String: RegistryImageState] = [:]
    /// Registry host → persisted pause and budget.
    var hosts: [String: RegistryHostState] = [:]
    /// Keys being asked about right now, by question, so overlapping rounds never ask twice.
    var inFlight: [Question: Set<String>] = [:]
    /// `registry/repository` → the repository whose tags version policies follow, from the last `watchTags`.
    var tagTargets: [String: Target] = [:]
    /// `registry/repository` → its persisted tag listing.
    var tagLists: [String: RegistryTagState] = [:]
    /// `image:tag` → its release-notes link (nil: the image has no usable source label), asked once per version.
    var releaseNotesLinks: [String: String?] = [:]

    /// Loads what an earlier run learned from `store`.
    public init(store: Store, client: RegistryClient, settings: WatcherSettings = WatcherSettings(), logger: Logger,
                clock: @escaping @Sendable () -> Date = { Date() }) async throws {
        self.store = store
        self.client = client
        self.settings = settings
        self.logger = logger
        self.clock = clock
        let savedImages = try await store.registryImages()
        let savedHosts = try await store.registryHosts()
        images = Dictionary(savedImages.map { ($0.reference, $0) }, uniquingKeysWith: { $1 })
        hosts = Dictionary(savedHosts.map { ($0.registry, $0) }, uniquingKeysWith: { $1 })
        tagLists = Dictionary(try await store.registryTags().map { ($0.repository, $0) }, uniquingKeysWith: { $1 })
    }

    /// Replaces the set of watched references. Duplicates collapse to one target with the shortest
    /// interval. Returns the references that are not valid image names (they are not watched).
    @discardableResult
    public func watch(_ list: [WatchedImage]) -> [ImageNameError] {
        let (next, invalid) = collectTargets(list, key: \.canonical)
        targets = next
        return invalid
    }

    /// Canonical references that are due at `now` and whose registry may be asked now (not paused,
    /// budget left), oldest due first.
    public func due(now: Date) -> [String] {
        var budget: [String: Int] = [:]
        var result: [String] = []
        for reference in dueKeys(.digest, now: now) {
            guard let target = targets[reference] else { continue }
            let registry = target.image.registry
            let left = budget[registry] ?? remainingBudget(registry, now: now)
            guard left > 0 else { continue }
            budget[registry] = left - 1
            result.append(reference)
        }
        return result
    }

    /// Asks the registry about every due reference, one at a time, re-checking the registry's pause
    /// and budget before each request (a 429 in the middle stops the rest).
    /// - Throws: only when the Store cannot save the outcome.
    public func check(now: Date) async throws -> WatchPass {
        try await poll(.digest, now: now)
    }

    /// `check(now:)` at the injected clock's time.
    public func check() async throws -> WatchPass {
        try await check(now: clock())
    }

    /// The newest digest seen for a reference written any way (`nginx` or `docker.io/library/nginx:latest`).
    public func newestDigest(for reference: String) -> String? {
        guard let name = try? ImageName(parsing: reference) else { return nil }
        return name.digest ?? images[name.canonical]?.digest
    }

    func nextCheck(after date: Date, reference: String, interval: TimeInterval) -> Date {
        WatchSchedule.next(after: date, reference: reference, interval: interval, fraction: settings.jitterFraction)
    }
}
