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

/// Whether and how image tags are followed to new digests.
public struct UpdatePolicy: Sendable, Codable, Hashable {
    public enum Mode: String, Sendable, Codable, Hashable, CaseIterable {
        /// Follow the tag: a new digest behind the same tag is an update.
        case digest
        /// Run exactly the reference written; only a repo change updates.
        case pinned
        /// Never touch a running service for image reasons.
        case none
    }

    public var mode: Mode
    /// How often to ask the registry; nil means the controller's default.
    public var interval: Duration?

    public init(mode: Mode = .digest, interval: Duration? = nil) {
        self.mode = mode
        self.interval = interval
    }
}
