import Store

/// A version update found for the first time, with what its notification offers besides the record.
public struct FoundVersionUpdate: Sendable {
    public var record: VersionUpdateRecord
    /// Signed approve/skip links (`mode: approve` with a webhook secret).
    public var links: UpdateLink.Pair?
    /// The candidate's release notes, from its `org.opencontainers.image.source` label.
    public var releaseNotes: String?

    public init(record: VersionUpdateRecord, links: UpdateLink.Pair? = nil, releaseNotes: String? = nil) {
        self.record = record
        self.links = links
        self.releaseNotes = releaseNotes
    }
}
