import FoundationEssentials

/// The revision history: one row per pass that changed (or tried to change) a stack on a host.
extension Store {
    /// The columns every revision query reads, in the order `revisionRecord(from:)` expects.
    private static let revisionColumns = """
        id, host, stack, git_commit, trigger_reason, started_at, finished_at, outcome, \
        spec, digests, actions, error, health_log, triggers
        """

    /// Records a finished revision and returns its id.
    @discardableResult
    public func insertRevision(_ revision: NewRevision) throws -> Int64 {
        let values: [SQLiteValue] = [
            .text(revision.host), .text(revision.stack), .optionalText(revision.commit),
            .text(revision.trigger.rawValue), .date(revision.startedAt), .date(revision.finishedAt),
            .text(revision.outcome.rawValue), .text(revision.spec),
            .text(try Store.json(revision.digests)), .text(try Store.json(revision.actions)),
            .optionalText(revision.error), .text(try Store.json(revision.healthLog)),
            .text(try Store.json(revision.triggers)),
        ]
        try connection.execute("""
            INSERT INTO revisions (host, stack, git_commit, trigger_reason, started_at, finished_at, \
            outcome, spec, digests, actions, error, health_log, triggers) \
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, values)
        return connection.lastInsertRowID
    }

    /// Revisions newest first, optionally only for one host and/or stack, at most `limit` of them.
    public func revisions(host: String? = nil, stack: String? = nil, limit: Int = 100) throws -> [RevisionRecord] {
        try revisions(hosts: host.map { [$0] } ?? [], stacks: stack.map { [$0] } ?? [], limit: limit)
    }

    /// Newest first, of any of `hosts` and any of `stacks` (empty: all).
    public func revisions(hosts: Set<String>, stacks: Set<String>, limit: Int = 100) throws -> [RevisionRecord] {
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        for (column, names) in [("host", hosts), ("stack", stacks)] where !names.isEmpty {
            conditions.append("\(column) IN (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))")
            values += names.sorted().map { .text($0) }
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        values.append(.integer(Int64(max(0, limit))))
        return try connection.query(
            "SELECT \(Store.revisionColumns) FROM revisions \(filter) ORDER BY id DESC LIMIT ?",
            values, row: Store.revisionRecord(from:))
    }

    /// One revision by id, or nil if there is none.
    public func revision(id: Int64) throws -> RevisionRecord? {
        try connection.queryFirst("SELECT \(Store.revisionColumns) FROM revisions WHERE id = ?",
                                  [.integer(id)], row: Store.revisionRecord(from:))
    }

    /// The newest revision of a stack on a host, optionally only one with the given outcome
    /// (e.g. the last `applied` one, which a rollback returns to).
    public func latestRevision(host: String, stack: String,
                               outcome: RevisionOutcome? = nil) throws -> RevisionRecord? {
        var sql = "SELECT \(Store.revisionColumns) FROM revisions WHERE host = ? AND stack = ?"
        var values: [SQLiteValue] = [.text(host), .text(stack)]
        if let outcome {
            sql += " AND outcome = ?"
            values.append(.text(outcome.rawValue))
        }
        return try connection.queryFirst(sql + " ORDER BY id DESC LIMIT 1", values,
                                         row: Store.revisionRecord(from:))
    }

    /// Maps one row selected with `revisionColumns`.
    private static func revisionRecord(from row: Statement) throws -> RevisionRecord {
        let id = row.int64(at: 0)
        func decoded<T: Decodable>(_ type: T.Type, _ column: Int32, _ name: String) throws -> T {
            try Store.decode(type, from: row.string(at: column), table: "revisions", column: name, rowID: id)
        }
        let revision = NewRevision(
            host: row.string(at: 1), stack: row.string(at: 2), commit: row.optionalString(at: 3),
            trigger: try row.known(TriggerKind.self, at: 4, table: "revisions", column: "trigger_reason", rowID: id), startedAt: row.date(at: 5), finishedAt: row.date(at: 6),
            outcome: try row.known(RevisionOutcome.self, at: 7, table: "revisions", column: "outcome", rowID: id),
            spec: row.string(at: 8),
            digests: try decoded([String: String].self, 9, "digests"),
            actions: try decoded([ActionRecord].self, 10, "actions"),
            error: row.optionalString(at: 11),
            healthLog: try decoded([String].self, 12, "health_log"),
            triggers: try decoded([String].self, 13, "triggers"))
        return RevisionRecord(id: id, revision: revision)
    }
}
