import FoundationEssentials
import Store

/// Tag listings for version policies: one `tags/list` per repository per interval however many services
/// (and tags) use it, under the same per-registry budget and pauses as digest checks.
extension RegistryWatcher {
    /// Replaces the set of repositories whose tags are listed; `list` holds the references services use.
    /// Returns the references that are not valid image names.
    @discardableResult
    public func watchTags(_ list: [WatchedImage]) -> [ImageNameError] {
        let (next, invalid) = collectTargets(list, key: Self.repositoryKey)
        tagTargets = next
        return invalid
    }

    /// Lists every due repository whose registry may be asked now, one at a time, re-checking the registry's
    /// pause and budget before each. `checked` and `changed` of the result name repositories (`registry/name`).
    /// - Throws: only when the Store cannot save the outcome.
    public func checkTags(now: Date) async throws -> WatchPass {
        try await poll(.tags, now: now)
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

    /// Applies one listing's result to the repository and its registry and saves both.
    func record(_ result: TagListResult, key: String, target: Target, now: Date, into pass: inout WatchPass) async throws {
        let host = spend(result, registry: target.image.registry, now: now)
        var state = tagLists[key] ?? RegistryTagState(repository: key, nextCheckAt: now)
        switch result.outcome {
        case .success(let tags):
            if !Set(tags).isSubset(of: state.tags) { pass.changed.insert(key) }
            state = RegistryTagState(repository: key, tags: tags, checkedAt: now,
                                     nextCheckAt: nextCheck(after: now, reference: key, interval: target.interval))
        case .failure(let error):
            recordFailure(error, of: .tags, key: key, target: target, now: now, state: &state, into: &pass)
        }
        tagLists[key] = state
        try await store.saveRegistryTags(state)
        try await store.saveRegistryHost(host)
    }
}
