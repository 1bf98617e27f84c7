import FoundationEssentials

/// Tag listings per repository, the version watcher's memory.
extension Store {
    public func saveRegistryTags(_ state: RegistryTagState) throws {
        try connection.execute("""
            INSERT INTO registry_tags (repository, tags, checked_at, next_check_at, failures, last_error, source) \
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (repository) DO UPDATE SET \
            tags = excluded.tags, checked_at = excluded.checked_at, next_check_at = excluded.next_check_at, \
            failures = excluded.failures, last_error = excluded.last_error, source = excluded.source
            """, [.text(state.repository), .text(try Self.json(state.tags)), .optionalDate(state.checkedAt),
                  .date(state.nextCheckAt), .integer(Int64(state.failures)), .optionalText(state.lastError),
                  .text(state.source)])
    }

    /// Every repository's listing, by repository.
    public func registryTags() throws -> [RegistryTagState] {
        try connection.query("""
            SELECT rowid, repository, tags, checked_at, next_check_at, failures, last_error, source \
            FROM registry_tags ORDER BY repository
            """) { row in
            RegistryTagState(repository: row.string(at: 1),
                             tags: try Self.decode([String].self, from: row.string(at: 2), table: "registry_tags",
                                                   column: "tags", rowID: row.int64(at: 0)),
                             checkedAt: row.optionalDate(at: 3), nextCheckAt: row.date(at: 4),
                             failures: Int(row.int64(at: 5)), lastError: row.optionalString(at: 6),
                             source: row.string(at: 7))
        }
    }
}
