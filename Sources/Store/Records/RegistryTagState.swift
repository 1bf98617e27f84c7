import FoundationEssentials

/// The tags one repository listed (`GET /v2/<name>/tags/list`), and when to list them again; persisted so a
/// restart does not list every repository again.
public struct RegistryTagState: Sendable, Codable, Equatable {
    /// `registry/repository`, e.g. `docker.io/library/postgres`.
    public var repository: String
    /// Every tag known, from the last listing plus webhook pushes since.
    public var tags: [String]
    public var checkedAt: Date?
    public var nextCheckAt: Date
    /// Failed listings in a row; drives the back-off.
    public var failures: Int
    public var lastError: String?
    /// `poll` or `webhook`: what last added to `tags`.
    public var source: String

    public init(repository: String, tags: [String] = [], checkedAt: Date? = nil, nextCheckAt: Date,
                failures: Int = 0, lastError: String? = nil, source: String = "poll") {
        self.repository = repository
        self.tags = tags
        self.checkedAt = checkedAt
        self.nextCheckAt = nextCheckAt
        self.failures = failures
        self.lastError = lastError
        self.source = source
    }
}
