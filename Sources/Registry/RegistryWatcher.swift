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
    /// References being asked about right now, so overlapping `check` calls never ask twice.
    private var inFlight: Set<String> = []
    /// `registry/repository` → the repository whose tags version policies follow, from the last `watchTags`.
    var tagTargets: [String: Target] = [:]
    /// `registry/repository` → its persisted tag listing.
    var tagLists: [String: RegistryTagState] = [:]
    /// Repositories being listed right now.
    var listing: Set<String> = []
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
        var next: [String: Target] = [:]
        var invalid: [ImageNameError] = []
        for item in list {
            let name: ImageName
            do { name = try ImageName(parsing: item.reference) } catch { invalid.append(error); continue }
            let interval = max(1, (item.interval ?? settings.defaultInterval).timeInterval)
            var target = next[name.canonical] ?? Target(image: name, interval: interval, usedAs: [])
            target.interval = min(target.interval, interval)
            target.usedAs.insert(item.reference)
            next[name.canonical] = target
        }
        targets = next
        return invalid
    }

    /// Canonical references that are due at `now` and whose registry may be asked now (not paused,
    /// budget left), oldest due first.
    public func due(now: Date) -> [String] {
        var budget: [String: Int] = [:]
        var result: [String] = []
        for reference in dueIgnoringLimits(now: now) {
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
        var pass = WatchPass()
        for reference in dueIgnoringLimits(now: now) {
            // Re-checked per reference: an overlapping check may have asked about it while we awaited.
            guard !inFlight.contains(reference), let target = targets[reference],
                  nextCheck(reference, target: target) <= now else { continue }
            guard remainingBudget(target.image.registry, now: now) > 0 else {
                pass.deferred.append(reference)
                continue
            }
            inFlight.insert(reference)
            defer { inFlight.remove(reference) }
            // Counted before the request, so an overlapping check sees the budget already spent.
            reserveRequest(target.image.registry, now: now)
            let result = await client.headManifest(target.image)
            pass.checked.append(reference)
            pass.requests += result.registryRequests
            try await record(result, target: target, now: now, into: &pass)
        }
        return pass
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

    /// Watched, non-pinned references whose next check time has come, oldest due first.
    private func dueIgnoringLimits(now: Date) -> [String] {
        targets.compactMap { key, target -> (String, Date)? in
            guard !target.image.isImmutable else { return nil }
            let next = nextCheck(key, target: target)
            return next <= now ? (key, next) : nil
        }
        .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        .map(\.0)
    }

    /// When `key` is due: its saved time, or sooner when the policy's interval was shortened since.
    private func nextCheck(_ key: String, target: Target) -> Date {
        guard let state = images[key] else { return .distantPast }
        guard state.failures == 0, let checked = state.checkedAt else { return state.nextCheckAt }
        return min(state.nextCheckAt, nextCheck(after: checked, reference: key, interval: target.interval))
    }

    func nextCheck(after date: Date, reference: String, interval: TimeInterval) -> Date {
        WatchSchedule.next(after: date, reference: reference, interval: interval, fraction: settings.jitterFraction)
    }
}
