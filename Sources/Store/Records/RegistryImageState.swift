import FoundationEssentials

/// What the registry watcher knows about one image reference (canonical spelling), persisted so a
/// restart resumes the schedule instead of asking every registry again.
public struct RegistryImageState: Sendable, Codable, Equatable {
    /// Canonical reference, e.g. `docker.io/library/nginx:latest`.
    public var reference: String
    /// Newest digest seen (by poll or webhook), if any yet.
    public var digest: String?
    /// When the digest was last confirmed.
    public var checkedAt: Date?
    /// When the watcher may ask the registry about it again.
    public var nextCheckAt: Date
    /// Failed checks in a row; drives the exponential back-off.
    public var failures: Int
    /// The last failure, for `reconcile images`.
    public var lastError: String?
    /// Where the digest came from: `poll` or `webhook`.
    public var source: String

    public init(reference: String, digest: String? = nil, checkedAt: Date? = nil, nextCheckAt: Date,
                failures: Int = 0, lastError: String? = nil, source: String = "poll") {
        self.reference = reference
        self.digest = digest
        self.checkedAt = checkedAt
        self.nextCheckAt = nextCheckAt
        self.failures = failures
        self.lastError = lastError
        self.source = source
    }
}
