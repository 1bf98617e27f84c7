import FoundationEssentials

/// One newer version found for a service, and what became of it (table `version_updates`).
public struct VersionUpdateRecord: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Waits for `reconcile updates approve ID` (`mode: approve`).
        case pending
        /// Told about, nothing else (`mode: notify`).
        case notified
        /// Committed to the repository; pushed when `pushedAt` is set.
        case committed
        /// `reconcile updates skip ID`: never proposed again.
        case skipped
        /// Its revision failed the health gate and was rolled back: only newer versions are proposed.
        case rolledBack = "rolled_back"
    }

    public var id: Int64
    public var stack: String
    public var service: String
    /// The image without its tag, as written (`ghcr.io/org/app`).
    public var image: String
    public var currentTag: String
    public var candidateTag: String
    /// `patch`, `minor` or `major`.
    public var step: String
    /// The policy's `mode` when found: `auto`, `approve` or `notify`.
    public var mode: String
    public var state: State
    public var foundAt: Date
    public var decidedAt: Date?
    public var commit: String?
    public var pushedAt: Date?
    /// Why the last commit or push attempt failed (it is retried).
    public var lastError: String?

    public init(id: Int64 = 0, stack: String, service: String, image: String, currentTag: String, candidateTag: String,
                step: String, mode: String, state: State, foundAt: Date, decidedAt: Date? = nil, commit: String? = nil,
                pushedAt: Date? = nil, lastError: String? = nil) {
        self.id = id
        self.stack = stack
        self.service = service
        self.image = image
        self.currentTag = currentTag
        self.candidateTag = candidateTag
        self.step = step
        self.mode = mode
        self.state = state
        self.foundAt = foundAt
        self.decidedAt = decidedAt
        self.commit = commit
        self.pushedAt = pushedAt
        self.lastError = lastError
    }
}
