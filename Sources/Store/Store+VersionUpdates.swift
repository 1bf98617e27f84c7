import FoundationEssentials

/// Version updates found, approved, skipped, committed, pushed and rolled back.
extension Store {
    static let versionUpdateColumns = """
        id, stack, service, image, current_tag, candidate_tag, step, mode, state, found_at, decided_at, \
        git_commit, pushed_at, last_error
        """

    /// Records a newly found update, or returns the one already recorded for the same service and version;
    /// `isNew` tells which (only a new one is notified).
    public func recordVersionUpdate(_ record: VersionUpdateRecord) throws -> (record: VersionUpdateRecord, isNew: Bool) {
        try connection.execute("""
            INSERT INTO version_updates (stack, service, image, current_tag, candidate_tag, step, mode, state, found_at) \
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (stack, service, candidate_tag) DO NOTHING
            """, [.text(record.stack), .text(record.service), .text(record.image), .text(record.currentTag),
                  .text(record.candidateTag), .text(record.step), .text(record.mode), .text(record.state.rawValue),
                  .date(record.foundAt)])
        let isNew = connection.changes > 0
        let found = try connection.queryFirst("""
            SELECT \(Self.versionUpdateColumns) FROM version_updates WHERE stack = ? AND service = ? AND candidate_tag = ?
            """, [.text(record.stack), .text(record.service), .text(record.candidateTag)], row: Self.versionUpdateRow)
        guard let found else {
            throw StoreError.corruptColumn(table: "version_updates", column: "candidate_tag", rowID: 0,
                                           reason: "the update just recorded cannot be read back")
        }
        return (found, isNew)
    }

    public func versionUpdate(id: Int64) throws -> VersionUpdateRecord? {
        try connection.queryFirst("SELECT \(Self.versionUpdateColumns) FROM version_updates WHERE id = ?",
                                  [.integer(id)], row: Self.versionUpdateRow)
    }

    /// Every recorded update, newest first; only those in `states` when given.
    public func versionUpdates(states: Set<VersionUpdateRecord.State>? = nil) throws -> [VersionUpdateRecord] {
        try connection.query("SELECT \(Self.versionUpdateColumns) FROM version_updates ORDER BY id DESC",
                             row: Self.versionUpdateRow)
            .filter { states?.contains($0.state) ?? true }
    }

    /// Moves an update to `state`, with the commit, push time and last error as they are now.
    public func updateVersionUpdate(id: Int64, state: VersionUpdateRecord.State, commit: String? = nil,
                                    pushedAt: Date? = nil, lastError: String? = nil) throws {
        try connection.execute("""
            UPDATE version_updates SET state = ?, decided_at = ?, git_commit = COALESCE(?, git_commit), \
            pushed_at = COALESCE(?, pushed_at), last_error = ? WHERE id = ?
            """, [.text(state.rawValue), .date(now()), .optionalText(commit), .optionalDate(pushedAt),
                  .optionalText(lastError), .integer(id)])
    }

    static func versionUpdateRow(_ row: Statement) throws -> VersionUpdateRecord {
        let id = row.int64(at: 0)
        guard let state = VersionUpdateRecord.State(rawValue: row.string(at: 8)) else {
            throw StoreError.corruptColumn(table: "version_updates", column: "state", rowID: id,
                                           reason: "unknown state '\(row.string(at: 8))'")
        }
        return VersionUpdateRecord(id: id, stack: row.string(at: 1), service: row.string(at: 2), image: row.string(at: 3),
                                   currentTag: row.string(at: 4), candidateTag: row.string(at: 5), step: row.string(at: 6),
                                   mode: row.string(at: 7), state: state, foundAt: row.date(at: 9),
                                   decidedAt: row.optionalDate(at: 10), commit: row.optionalString(at: 11),
                                   pushedAt: row.optionalDate(at: 12), lastError: row.optionalString(at: 13))
    }
}
