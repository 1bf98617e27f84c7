import CSQLite

/// Transactions as a closure, so every exit path ends in exactly one COMMIT or ROLLBACK.
extension Connection {
    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws.
    ///
    /// IMMEDIATE takes the write lock up front, so a second process waits (busy timeout) at BEGIN
    /// instead of failing half-way through with SQLITE_BUSY. Transactions do not nest.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        let result: T
        do {
            result = try body()
        } catch {
            rollbackQuietly()
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            rollbackQuietly()
            throw error
        }
        return result
    }

    /// Rolls back after a failure; the original error is the one worth reporting, so this one is
    /// dropped (it fails only when SQLite already rolled back by itself).
    private func rollbackQuietly() {
        if isInTransaction {
            _ = try? execute("ROLLBACK")
        }
    }

    /// Whether a transaction is open (false in autocommit mode).
    var isInTransaction: Bool {
        sqlite3_get_autocommit(handle) == 0
    }
}
