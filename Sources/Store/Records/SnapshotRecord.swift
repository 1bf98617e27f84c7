import FoundationEssentials

/// One copy of a service's data on a host: a volume holding one folder per source (named volume or host-data folder).
public struct SnapshotRecord: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable {
        /// Being copied; an interrupted copy is removed by recovery, never restored.
        case taking
        /// Copied and verified (size and file count match the source).
        case complete
    }

    public var id: Int64
    public var host: String
    public var stack: String
    public var service: String
    /// The snapshot volume on the host.
    public var volume: String
    /// `reconcile.hash` of the container that wrote the data.
    public var configHash: String
    /// The image the helper container ran from (the service's own).
    public var image: String
    /// What was copied, in order: a named volume's name or a host-data folder's absolute path.
    public var sources: [String]
    public var state: State
    /// Bytes in regular files, summed over every source.
    public var size: Int64
    /// Entries (files, folders, links) over every source.
    public var files: Int64
    /// The revision of the update that took it (set when that revision is recorded).
    public var revision: Int64?
    public var createdAt: Date

    public init(id: Int64 = 0, host: String, stack: String, service: String, volume: String, configHash: String,
                image: String, sources: [String], state: State = .taking, size: Int64 = 0, files: Int64 = 0,
                revision: Int64? = nil, createdAt: Date = Date()) {
        self.id = id
        self.host = host
        self.stack = stack
        self.service = service
        self.volume = volume
        self.configHash = configHash
        self.image = image
        self.sources = sources
        self.state = state
        self.size = size
        self.files = files
        self.revision = revision
        self.createdAt = createdAt
    }
}
