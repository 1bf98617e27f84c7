import FoundationEssentials
import Logging
import Store

/// Tag listings for version policies: one `tags/list` per repository per interval however many services
/// (and tags) use it, under the same per-registry budget and pauses as digest checks.
extension RegistryWatcher {
    /// Replaces the set of repositories whose tags are listed; `list` holds the references services use.
    /// Returns the references that are not valid image names.
    @discardableResult
    public func watchTags(_ list: [WatchedImage]) -> [ImageNameError] {
        var next: [String: Target] = [:]
        var invalid: [ImageNameError] = []
        for item in list {
            let name: ImageName
            do { name = try ImageName(parsing: item.reference) } catch { invalid.append(error); continue }
            let interval = max(1, (item.interval ?? settings.defaultInterval).timeInterval)
            let key = Self.repositoryKey(name)
            var target = next[key] ?? Target(image: name, interval: interval, usedAs: [])
            target.interval = min(target.interval, interval)
            target.usedAs.insert(item.reference)
            next[key] = target
        }
        tagTargets = next
        return invalid
    }

    /// Lists every due repository whose registry may be asked now, one at a time, re-checking the registry's
    /// pause and budget before each. `checked` and `changed` of the result name repositories (`registry/name`).
    /// - Throws: only when the Store cannot save the outcome.
    public func checkTags(now: Date) async throws -> WatchPass {
        var pass = WatchPass()
        for (key, target) in dueTagTargets(now: now) {
            guard !listing.contains(key), nextListing(key, target: target) <= now else { continue }
            guard remainingBudget(target.image.registry, now: now) > 0 else {
                pass.deferred.append(key)
                continue
            }
            listing.insert(key)
            defer { listing.remove(key) }
            reserveRequest(target.image.registry, now: now)
            let result = await client.listTags(target.image)
            pass.checked.append(key)
            pass.requests += result.registryRequests
            try await record(result, key: key, target: target, now: now, into: &pass)
        }
        return pass
    }

    /// The tags known for the repository of `reference` (any spelling), or nil when never listed.
    public func tags(for reference: String) -> [String]? {
        guard let name = try? ImageName(parsing: reference) else { return nil }
        return tagLists[Self.repositoryKey(name)]?.tags
    }

    /// A push announced `reference` (with its tag): add the tag to its repository's list and push the next
    /// listing a whole interval out, so a webhook-fed repository costs no listing.
    func recordTagPush(_ name: ImageName, at: Date) async throws {
        let key = Self.repositoryKey(name)
        let interval = tagTargets[key]?.interval ?? settings.defaultInterval.timeInterval
        var state = tagLists[key] ?? RegistryTagState(repository: key, nextCheckAt: at)
        if !state.tags.contains(name.tag) { state.tags.append(name.tag) }
        state.checkedAt = at
        state.nextCheckAt = nextCheck(after: at, reference: key, interval: interval)
        state.source = "webhook"
        tagLists[key] = state
        try await store.saveRegistryTags(state)
    }

    static func repositoryKey(_ name: ImageName) -> String {
        name.registry + "/" + name.repository
    }

    private func record(_ result: TagListResult, key: String, target: Target, now: Date, into pass: inout WatchPass) async throws {
        let registry = target.image.registry
        let host = spend(result.registryRequests, registry: registry, rateLimit: result.rateLimit,
                         rateLimited: result.error.map(Self.isRateLimit) ?? false, now: now)
        var state = tagLists[key] ?? RegistryTagState(repository: key, nextCheckAt: now)
        switch result.outcome {
        case .success(let tags):
            if !Set(tags).isSubset(of: state.tags) { pass.changed.insert(key) }
            state = RegistryTagState(repository: key, tags: tags, checkedAt: now,
                                     nextCheckAt: nextCheck(after: now, reference: key, interval: target.interval))
        case .failure(.rateLimited):
            pass.failures[key] = result.error?.description
        case .failure(let error):
            state.failures += 1
            state.lastError = error.description
            state.nextCheckAt = now.addingTimeInterval(WatchSchedule.backoff(
                failures: state.failures, initial: settings.initialBackoff.timeInterval, interval: target.interval))
            pass.failures[key] = error.description
            logger.warning("registry tag listing failed", metadata: ["image.repository": "\(key)", "error": "\(error)"])
        }
        tagLists[key] = state
        hosts[registry] = host
        try await store.saveRegistryTags(state)
        try await store.saveRegistryHost(host)
    }

    /// Due repositories, oldest due first.
    private func dueTagTargets(now: Date) -> [(String, Target)] {
        tagTargets.compactMap { key, target -> (String, Target, Date)? in
            let next = nextListing(key, target: target)
            return next <= now ? (key, target, next) : nil
        }
        .sorted { $0.2 != $1.2 ? $0.2 < $1.2 : $0.0 < $1.0 }
        .map { ($0.0, $0.1) }
    }

    private func nextListing(_ key: String, target: Target) -> Date {
        guard let state = tagLists[key] else { return .distantPast }
        guard state.failures == 0, let checked = state.checkedAt else { return state.nextCheckAt }
        return min(state.nextCheckAt, nextCheck(after: checked, reference: key, interval: target.interval))
    }
}
