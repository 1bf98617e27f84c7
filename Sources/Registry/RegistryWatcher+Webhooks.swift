import FoundationEssentials
import Logging
import Store

/// Pushes announced by webhooks or registry notifications: they update the same caches polling fills (the
/// digest of the tag, and the tag in its repository's list) and push the next poll and listing a whole
/// interval out, so webhook-driven images cost no polling requests.
extension RegistryWatcher {
    /// An image webhook said `reference` now points at `digest`: remember it as if polled at `at`
    /// and push the next poll a whole interval out. Returns whether the digest differs from the last one seen.
    @discardableResult
    public func recordWebhook(reference: String, digest: String, at: Date) async throws -> Bool {
        let name = try ImageName(parsing: reference)
        let key = name.canonical
        let interval = targets[key]?.interval ?? settings.defaultInterval.timeInterval
        let previous = images[key]?.digest
        let state = RegistryImageState(reference: key, digest: digest, checkedAt: at,
                                       nextCheckAt: nextCheck(after: at, reference: key, interval: interval),
                                       source: "webhook")
        images[key] = state
        try await store.saveRegistryImage(state)
        try await recordTagPush(name, at: at)
        logger.info("registry webhook", metadata: ["image.reference": "\(key)", "image.digest": "\(digest)"])
        return previous != digest
    }

    /// Records every tagged push in a registry's notification body (see `RegistryNotification`).
    /// - Returns: the references, spelled as services write them, whose digest differs from the last one seen.
    public func recordNotification(_ body: Data, registry: String? = nil, at: Date) async throws -> Set<String> {
        var moved: Set<String> = []
        for push in try RegistryNotification.pushes(in: body, registry: registry)
        where try await recordWebhook(reference: push.reference, digest: push.digest, at: at) {
            let key = try ImageName(parsing: push.reference).canonical
            moved.formUnion(targets[key]?.usedAs ?? [push.reference])
        }
        return moved
    }
}
