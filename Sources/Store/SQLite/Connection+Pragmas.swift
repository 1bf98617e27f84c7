/// The settings every Store connection runs with, and a way to read them back.
extension Connection {
    /// WAL lets readers run while a writer commits and survives a process kill with nothing lost;
    /// FULL sync makes every commit durable across a power cut too (NORMAL could drop the last ones, and the
    /// journal must never forget a step it told the engine about: the cost is one fsync per commit, a few
    /// per rollout); foreign keys are off by default in SQLite and the journal relies on them.
    func configureForStore() throws {
        let mode = try pragma("journal_mode = WAL")
        guard mode?.lowercased() == "wal" else {
            throw StoreError.walUnavailable(path: path, journalMode: mode ?? "unknown")
        }
        try execute("PRAGMA synchronous = FULL")
        try execute("PRAGMA foreign_keys = ON")
    }

    /// Runs `PRAGMA <text>` and returns the first column of its first row as text, if any.
    func pragma(_ text: String) throws -> String? {
        try queryFirst("PRAGMA \(text)") { $0.optionalString(at: 0) } ?? nil
    }

    /// The schema version stored in the file header (`PRAGMA user_version`).
    var userVersion: Int {
        get throws {
            Int(try queryFirst("PRAGMA user_version") { $0.int64(at: 0) } ?? 0)
        }
    }
}
