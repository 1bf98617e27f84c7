import CSQLite

/// One open SQLite database handle, closed exactly once in `deinit` (GRDB's discipline).
///
/// Not thread-safe by design: it is opened with `SQLITE_OPEN_NOMUTEX`, so its owner must confine
/// it to one isolation domain. In this module that owner is the `Store` actor.
final class Connection {
    /// The raw `sqlite3*`; only `Statement` and this file touch it.
    let handle: OpaquePointer
    /// The file this connection opened, for error messages.
    let path: String

    /// Opens (creating if needed) the database file at `path`.
    /// - Parameter busyTimeoutMilliseconds: how long a writer waits for another connection's lock
    ///   before failing with `SQLITE_BUSY`, so two processes on one file wait instead of failing.
    init(path: String, busyTimeoutMilliseconds: Int32 = 5_000) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard let db else {
            throw SQLiteError(code: SQLITE_NOMEM, extendedCode: SQLITE_NOMEM,
                              message: "SQLite could not allocate a connection for \(path)", sql: nil)
        }
        guard rc == SQLITE_OK else {
            let error = Connection.error(db: db, code: rc, sql: nil)
            sqlite3_close_v2(db)
            throw error
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        try check(sqlite3_busy_timeout(db, busyTimeoutMilliseconds))
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// The one place result codes are judged: success codes pass, anything else throws with context.
    func check(_ code: Int32, sql: String? = nil) throws {
        switch code & 0xFF {
        case SQLITE_OK, SQLITE_ROW, SQLITE_DONE:
            return
        default:
            throw Connection.error(db: handle, code: code, sql: sql)
        }
    }

    /// Builds the error for a failed call from the connection's current error state.
    private static func error(db: OpaquePointer, code: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: code & 0xFF,
                    extendedCode: sqlite3_extended_errcode(db),
                    message: String(cString: sqlite3_errmsg(db)),
                    sql: sql)
    }

    /// Compiles one statement.
    func prepare(_ sql: String) throws -> Statement {
        try Statement(connection: self, sql: sql)
    }

    /// Runs one statement with bound values to completion, discarding any rows.
    func execute(_ sql: String, _ values: [SQLiteValue] = []) throws {
        let statement = try prepare(sql)
        try statement.bind(values)
        while try statement.step() {}
    }

    /// Runs a script of several statements without parameters (migrations, pragmas).
    func executeScript(_ sql: String) throws {
        try check(sqlite3_exec(handle, sql, nil, nil, nil), sql: sql)
    }

    /// Runs a query and maps every row; the closure must not keep the statement.
    func query<T>(_ sql: String, _ values: [SQLiteValue] = [],
                  row: (Statement) throws -> T) throws -> [T] {
        let statement = try prepare(sql)
        try statement.bind(values)
        var rows: [T] = []
        while try statement.step() {
            rows.append(try row(statement))
        }
        return rows
    }

    /// The first row of a query, or nil when it returns none.
    func queryFirst<T>(_ sql: String, _ values: [SQLiteValue] = [],
                       row: (Statement) throws -> T) throws -> T? {
        let statement = try prepare(sql)
        try statement.bind(values)
        guard try statement.step() else { return nil }
        return try row(statement)
    }

    /// The rowid of the last successful INSERT on this connection.
    var lastInsertRowID: Int64 {
        sqlite3_last_insert_rowid(handle)
    }

    /// How many rows the last INSERT/UPDATE/DELETE changed.
    var changes: Int {
        Int(sqlite3_changes(handle))
    }
}
