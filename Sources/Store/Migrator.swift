/// Brings a database file up to the schema this code understands, one version at a time.
///
/// The version lives in `PRAGMA user_version`; migration `i` (0-based) produces version `i + 1`.
/// Each migration and its version bump commit together, so a crash mid-way leaves a consistent
/// file at the previous version that the next start migrates again.
struct Migrator {
    /// Migration scripts in order; never edit a shipped one, only append.
    let migrations: [String]

    /// The version a fully migrated file has.
    var latestVersion: Int { migrations.count }

    /// Applies every migration above the file's current version.
    /// - Returns: the versions applied, empty when the file was already current.
    @discardableResult
    func migrate(_ connection: Connection) throws -> [Int] {
        var applied: [Int] = []
        while let version = try migrateOneStep(connection) {
            applied.append(version)
        }
        return applied
    }

    /// Applies the next migration, if any, and returns the version it produced.
    ///
    /// The version is read inside the write transaction, so two processes starting together
    /// cannot both run the same migration.
    private func migrateOneStep(_ connection: Connection) throws -> Int? {
        do {
            return try connection.transaction { () throws -> Int? in
                let current = try connection.userVersion
                guard current <= latestVersion else {
                    throw StoreError.schemaTooNew(path: connection.path, found: current,
                                                  supported: latestVersion)
                }
                guard current < latestVersion else { return nil }
                try connection.executeScript(migrations[current])
                // PRAGMA takes no bound parameters; the version is an Int, never outside input.
                try connection.execute("PRAGMA user_version = \(current + 1)")
                return current + 1
            }
        } catch let error as SQLiteError {
            let version = (try? connection.userVersion).map { $0 + 1 } ?? 0
            throw StoreError.migrationFailed(path: connection.path, version: version, underlying: error)
        }
    }
}
