import FoundationEssentials
import Logging

extension RegistryWatcher {
    /// Requests one release-notes lookup may send: the manifest, an index's image manifest, the config blob.
    static let releaseNotesRequests = 3

    /// The release notes of `reference` (`image:tag`), from its `org.opencontainers.image.source` label, asked
    /// once per version and inside the registry's budget: nothing is sent while the registry is paused or its
    /// hourly budget cannot take the lookup. A failure is logged and answers nil; it never holds up a notice.
    public func releaseNotes(for reference: String) async -> String? {
        if let known = releaseNotesLinks[reference] { return known }
        let image: ImageName
        do { image = try ImageName(parsing: reference) } catch {
            logger.debug("no release notes for an unparsable reference", metadata: ["image.reference": "\(reference)"])
            return nil
        }
        let now = clock()
        guard remainingBudget(image.registry, now: now) >= Self.releaseNotesRequests else { return nil }
        for _ in 0..<Self.releaseNotesRequests { reserveRequest(image.registry, now: now) }
        do {
            let labels = try await client.labels(of: image)
            let link = labels[ReleaseNotes.sourceLabel].flatMap { ReleaseNotes.url(source: $0, tag: image.tag) }
            releaseNotesLinks[reference] = .some(link)
            return link
        } catch {
            logger.info("release notes not found; the notice goes without", metadata: [
                "image.reference": "\(reference)", "error": "\(error)"])
            return nil
        }
    }
}
