import FoundationEssentials

/// The forge poll as `/api/status` shows it: whether it works, what it last saw, and when it asks next.
public struct ForgeStatus: Sendable, Codable, Equatable {
    /// The API base and repository, e.g. `https://api.github.com homelab/infra`.
    public var name: String
    public var branch: String
    /// The branch head the forge last reported.
    public var head: String?
    public var lastPollAt: Date?
    /// `not_modified`, `unchanged`, `changed`, `rate_limited` or `error`.
    public var lastResult: String?
    /// Why the last poll failed or was held back; nil once one succeeds.
    public var lastError: String?
    /// When the next request goes out (later than the interval when the forge asked to wait).
    public var nextPollAt: Date?

    public init(name: String, branch: String) {
        self.name = name
        self.branch = branch
    }
}
