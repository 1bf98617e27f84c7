import Versions

/// How long a changed service may take to become healthy before it is rolled back.
public struct HealthPolicy: Sendable, Codable, Hashable {
    /// Overall budget; nil lets the controller derive one from the healthcheck.
    public var timeout: Duration?
    /// For services without a healthcheck: running without restart this long counts as healthy.
    public var minReady: Duration

    public init(timeout: Duration? = nil, minReady: Duration = .seconds(5)) {
        self.timeout = timeout
        self.minReady = minReady
    }
}

/// Whether and how image tags are followed: to new digests behind the same tag, or to newer version tags.
public struct UpdatePolicy: Sendable, Codable, Hashable {
    public enum Mode: String, Sendable, Codable, Hashable, CaseIterable {
        /// Follow the tag: a new digest behind the same tag is an update.
        case digest
        /// Run exactly the reference written; only a repo change updates.
        case pinned
        /// Never touch a running service for image reasons.
        case none
        /// Follow newer version tags within `versions`; each update is a commit to the repository.
        case semver
    }

    /// What happens when a newer version is found (`updates.mode`).
    public enum Approval: String, Sendable, Codable, Hashable, CaseIterable {
        /// Commit and push the new tag; the next pass deploys it.
        case auto
        /// Wait as pending until `reconcile updates approve ID`.
        case approve
        /// Only tell (notifications, `reconcile updates`, `/api/status`).
        case notify
    }

    public var mode: Mode
    /// How often to ask the registry; nil means the controller's default.
    public var interval: Duration?
    /// `allow`, `match`, `prereleases` of a `semver` policy; nil for the others (and in records written before it).
    public var versions: VersionRule?
    /// `mode: auto|approve|notify` of a `semver` policy; nil for the others.
    public var approval: Approval?

    public init(mode: Mode = .digest, interval: Duration? = nil, versions: VersionRule? = nil, approval: Approval? = nil) {
        self.mode = mode
        self.interval = interval
        self.versions = versions
        self.approval = approval
    }
}
