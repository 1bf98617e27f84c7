import FoundationEssentials
import Store

/// What `reconcile images` shows: each watched image's newest digest, when it was checked, when it
/// will be checked next and whether it is backing off or its registry is paused.
public struct ImagesReport: Sendable, Equatable {
    /// One watched (or pinned) image.
    public struct Image: Sendable, Equatable {
        /// Canonical reference, e.g. `docker.io/library/nginx:latest`.
        public var reference: String
        /// How the compose files write it.
        public var usedAs: [String]
        public var registry: String
        /// Newest digest seen; for pinned references the digest they pin.
        public var digest: String?
        /// `poll`, `webhook` or `pinned`; nil before the first check.
        public var source: String?
        public var checkedAt: Date?
        /// Nil for pinned references, which are never polled.
        public var nextCheckAt: Date?
        /// Failed checks in a row (back-off active when > 0).
        public var failures: Int
        public var lastError: String?
    }

    /// One registry's pause and budget use.
    public struct Registry: Sendable, Equatable {
        public var registry: String
        public var pausedUntil: Date?
        public var pauseReason: String?
        public var requestsThisHour: Int
        public var budgetPerHour: Int
    }

    public var generatedAt: Date
    public var images: [Image]
    public var registries: [Registry]
}

extension RegistryWatcher {
    /// The state of every watched image and of the registries they live on, at `now`.
    public func report(now: Date) -> ImagesReport {
        let rows = targets.sorted { $0.key < $1.key }.map { key, target in
            let state = images[key]
            let pinned = target.image.isImmutable
            return ImagesReport.Image(
                reference: key, usedAs: target.usedAs.sorted(), registry: target.image.registry,
                digest: pinned ? target.image.digest : state?.digest,
                source: pinned ? "pinned" : state?.source, checkedAt: state?.checkedAt,
                nextCheckAt: pinned ? nil : (state?.nextCheckAt ?? now), failures: state?.failures ?? 0,
                lastError: state?.lastError)
        }
        let used = Set(targets.values.filter { !$0.image.isImmutable }.map(\.image.registry))
        let registries = used.sorted().map { name in
            let state = hosts[name] ?? RegistryHostState(registry: name)
            let active = state.pausedUntil.map { $0 > now } ?? false
            return ImagesReport.Registry(
                registry: name, pausedUntil: active ? state.pausedUntil : nil, pauseReason: active ? state.pauseReason : nil,
                requestsThisHour: requestsThisHour(name, now: now),
                budgetPerHour: settings.requestsPerHour)
        }
        return ImagesReport(generatedAt: now, images: rows, registries: registries)
    }
}
