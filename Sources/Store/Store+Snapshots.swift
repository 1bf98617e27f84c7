import FoundationEssentials

/// Data snapshots and which config last ran on each service's live data.
extension Store {
    /// Records a snapshot that is about to be taken (`taking`); returns its id.
    public func beginSnapshot(_ record: SnapshotRecord) throws -> Int64 {
        try connection.execute("""
            INSERT INTO snapshots (host, stack, service, volume, config_hash, image, sources, state, created_at) \
            VALUES (?, ?, ?, ?, ?, ?, ?, 'taking', ?)
            """, [.text(record.host), .text(record.stack), .text(record.service), .text(record.volume),
                  .text(record.configHash), .text(record.image), .text(record.sources.joined(separator: "\n")),
                  .date(now())])
        return connection.lastInsertRowID
    }

    /// Marks a snapshot verified, with what the verification counted.
    public func completeSnapshot(id: Int64, size: Int64, files: Int64) throws {
        try connection.execute("UPDATE snapshots SET state = 'complete', size = ?, files = ? WHERE id = ?",
                               [.integer(size), .integer(files), .integer(id)])
    }

    /// Ties the snapshots an update took (not yet tied to a revision) to the revision recorded for it.
    public func attachSnapshots(host: String, stack: String, revision: Int64) throws {
        try connection.execute("""
            UPDATE snapshots SET revision = ? WHERE host = ? AND stack = ? AND revision IS NULL AND state = 'complete'
            """, [.integer(revision), .text(host), .text(stack)])
    }

    public func snapshot(id: Int64) throws -> SnapshotRecord? {
        try connection.queryFirst("SELECT \(Self.snapshotColumns) FROM snapshots WHERE id = ?", [.integer(id)], row: Self.snapshotRow)
    }

    public func snapshot(volume: String) throws -> SnapshotRecord? {
        try connection.queryFirst("SELECT \(Self.snapshotColumns) FROM snapshots WHERE volume = ?", [.text(volume)],
                                  row: Self.snapshotRow)
    }

    /// Snapshots, newest first, optionally of one stack (and host, and service).
    public func snapshots(host: String? = nil, stack: String? = nil, service: String? = nil) throws -> [SnapshotRecord] {
        try connection.query("""
            SELECT \(Self.snapshotColumns) FROM snapshots \
            WHERE (?1 IS NULL OR host = ?1) AND (?2 IS NULL OR stack = ?2) AND (?3 IS NULL OR service = ?3) \
            ORDER BY id DESC
            """, [.optionalText(host), .optionalText(stack), .optionalText(service)], row: Self.snapshotRow)
    }

    public func deleteSnapshot(id: Int64) throws {
        try connection.execute("DELETE FROM snapshots WHERE id = ?", [.integer(id)])
    }

    /// Which config's container last ran on a service's live data (nil: never recorded).
    public func dataHash(host: String, stack: String, service: String) throws -> String? {
        try connection.queryFirst("SELECT config_hash FROM data_hashes WHERE host = ? AND stack = ? AND service = ?",
                                  [.text(host), .text(stack), .text(service)]) { $0.string(at: 0) }
    }

    public func setDataHash(_ hash: String, host: String, stack: String, service: String) throws {
        try connection.execute("""
            INSERT INTO data_hashes (host, stack, service, config_hash) VALUES (?, ?, ?, ?) \
            ON CONFLICT (host, stack, service) DO UPDATE SET config_hash = excluded.config_hash
            """, [.text(host), .text(stack), .text(service), .text(hash)])
    }

    static let snapshotColumns = "id, host, stack, service, volume, config_hash, image, sources, state, size, files, revision, created_at"

    static func snapshotRow(_ row: Statement) -> SnapshotRecord {
        SnapshotRecord(id: row.int64(at: 0), host: row.string(at: 1), stack: row.string(at: 2), service: row.string(at: 3),
                       volume: row.string(at: 4), configHash: row.string(at: 5), image: row.string(at: 6),
                       sources: row.string(at: 7).split(separator: "\n").map(String.init),
                       state: SnapshotRecord.State(rawValue: row.string(at: 8)) ?? .taking,
                       size: row.int64(at: 9), files: row.int64(at: 10), revision: row.optionalInt64(at: 11),
                       createdAt: row.date(at: 12))
    }
}
