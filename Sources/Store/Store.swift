import Basics
import FoundationEssentials

/// The durable record of what reconcile did — revisions, the operation journal, held-back hashes,
/// service configs and small key/value state — in one SQLite file, so a person can audit every
/// change and a crash at any moment loses nothing that was recorded.
///
/// An actor so its one connection is used by one call at a time, running on its own serial queue
/// (`DatabaseExecutor`) because SQLite calls block; a second process on the same file waits on
/// SQLite's write lock (busy timeout) rather than failing. Values are written as the caller gives
/// them (already redacted) and are never logged.
public actor Store {
    /// The database file name inside the state directory.
    public static let fileName = "reconcile.sqlite"

    /// The database file this store writes.
    public nonisolated let path: URL
    let connection: Connection
    private nonisolated let executor = DatabaseExecutor(label: "reconcile.store")
    /// The clock for timestamps the Store assigns itself (journal steps, held-back, key/values).
    let now: @Sendable () -> Date

    /// Opens `<stateDirectory>/reconcile.sqlite`, creating the folder and file as needed.
    public init(stateDirectory: URL, now: @escaping @Sendable () -> Date = { Date() }) throws {
        try self.init(path: stateDirectory.appendingPathComponent(Store.fileName), now: now)
    }

    /// Opens the database at `path`, creating parent folders, enabling WAL and migrating the schema.
    public init(path: URL, now: @escaping @Sendable () -> Date = { Date() }) throws {
        let filePath = path.path
        try Store.createParentDirectory(of: path)
        do throws(PrivateFiles.Failure) {
            try PrivateFiles.prepareFile(filePath)
            for suffix in ["-wal", "-shm"] { try PrivateFiles.restrictIfPresent(filePath + suffix) }
        } catch {
            throw StoreError.cannotCreateDirectory(path: filePath, reason: error.reason)
        }
        let connection: Connection
        do {
            connection = try Connection(path: filePath)
            try connection.configureForStore()
        } catch let error as SQLiteError {
            throw StoreError.cannotOpen(path: filePath, underlying: error)
        }
        try Migrator(migrations: Schema.migrations).migrate(connection)
        self.path = path
        self.connection = connection
        self.now = now
    }

    /// A store in memory, gone with the process: what `plan` reads where no pass has run yet, so that looking
    /// creates no state directory, database or key.
    public init(inMemoryWith now: @escaping @Sendable () -> Date = { Date() }) throws {
        let connection: Connection
        do {
            connection = try Connection(path: ":memory:")
            try connection.execute("PRAGMA foreign_keys = ON")
        } catch let error as SQLiteError {
            throw StoreError.cannotOpen(path: ":memory:", underlying: error)
        }
        try Migrator(migrations: Schema.migrations).migrate(connection)
        self.path = URL(fileURLWithPath: "/dev/null")
        self.connection = connection
        self.now = now
    }

    /// Creates the folder that will hold the file (0700: history is for its owner only).
    private static func createParentDirectory(of path: URL) throws {
        let directory = path.deletingLastPathComponent()
        do throws(PrivateFiles.Failure) {
            try PrivateFiles.prepareDirectory(directory.path)
        } catch {
            throw StoreError.cannotCreateDirectory(path: directory.path, reason: error.reason)
        }
    }

    /// Runs every Store call on the database queue instead of the shared cooperative pool.
    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    /// Whether the caller runs on this store's database queue (for tests of the confinement).
    func isOnDatabaseQueue() -> Bool {
        executor.isCurrent
    }

    /// Reads a connection setting (`journal_mode`, `foreign_keys`, …), for diagnostics and tests.
    func pragmaValue(_ name: String) throws -> String? {
        try connection.pragma(name)
    }
}
