/// Failures of the Store that are not plain SQL errors, each worded so an operator knows what to do.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The folder for the database file could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// SQLite could not open or set up the database file.
    case cannotOpen(path: String, underlying: SQLiteError)
    /// The file system refused WAL mode, which crash safety depends on.
    case walUnavailable(path: String, journalMode: String)
    /// The file was written by a newer reconcile with a schema this build does not know.
    case schemaTooNew(path: String, found: Int, supported: Int)
    /// A migration failed and was rolled back; the file stays at the previous version.
    case migrationFailed(path: String, version: Int, underlying: SQLiteError)
    /// A journal call named an operation id that does not exist.
    case unknownOperation(id: Int64)
    /// A journal call tried to extend an operation that was already finished.
    case operationAlreadyFinished(id: Int64, outcome: OperationOutcome)
    /// A stored JSON column could not be decoded (edited by hand, or written by another version).
    case corruptColumn(table: String, column: String, rowID: Int64, reason: String)
    /// The state directory's lock file cannot be opened or locked (not a wait: a real error).
    case lockUnavailable(path: String, reason: String)
    /// A column that holds one of a fixed set of names (a step, a kind, an outcome) holds another.
    case unknownValue(table: String, column: String, rowID: Int64, value: String)

    public var description: String {
        switch self {
        case let .cannotCreateDirectory(path, reason):
            return "cannot create the state directory \(path): \(reason); "
                + "choose a writable --state-dir or fix its permissions"
        case let .cannotOpen(path, underlying):
            return "cannot open the state database \(path): \(underlying); "
                + "check that the path is a writable file, not a folder"
        case let .walUnavailable(path, journalMode):
            return "the state database \(path) cannot use WAL mode (SQLite kept '\(journalMode)'); "
                + "put the state directory on a local file system (WAL does not work over NFS/SMB)"
        case let .schemaTooNew(path, found, supported):
            return "the state database \(path) has schema version \(found), but this reconcile "
                + "understands up to \(supported); run the newer reconcile that wrote it, or restore a backup"
        case let .migrationFailed(path, version, underlying):
            return "migrating the state database \(path) to schema version \(version) failed and "
                + "was rolled back: \(underlying)"
        case let .unknownOperation(id):
            return "journal operation \(id) does not exist; it must be begun with beginOperation first"
        case let .operationAlreadyFinished(id, outcome):
            return "journal operation \(id) already finished with outcome '\(outcome)'; "
                + "begin a new operation instead of extending it"
        case let .corruptColumn(table, column, rowID, reason):
            return "the state database holds unreadable JSON in \(table).\(column) of row \(rowID): "
                + "\(reason); was the file edited by hand?"
        case let .lockUnavailable(path, reason):
            return "cannot lock \(path): \(reason); choose a writable --state-dir on a local file system"
        case let .unknownValue(table, column, rowID, value):
            return "the state database holds '\(value)' in \(table).\(column) of row \(rowID), which this reconcile "
                + "does not know; run the newer reconcile that wrote it, or restore a backup"
        }
    }
}
