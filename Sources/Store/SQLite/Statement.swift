import CSQLite
import FoundationEssentials

/// One compiled statement, finalized exactly once in `deinit`.
///
/// Holds its `Connection` strongly so the database cannot close underneath it.
final class Statement {
    /// The raw `sqlite3_stmt*`.
    private let handle: OpaquePointer
    /// The SQL text, kept for error messages (values are bound, so it holds no data).
    let sql: String
    private let connection: Connection

    /// Compiles `sql`, which must be exactly one statement: SQLite would silently ignore the rest.
    init(connection: Connection, sql: String) throws {
        var statement: OpaquePointer?
        var trailing = ""
        let rc = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v2(connection.handle, text, -1, &statement, &tail)
            if let tail {
                trailing = String(cString: tail)
            }
            return rc
        }
        try connection.check(rc, sql: sql)
        guard let statement else {
            throw SQLiteError(code: SQLITE_MISUSE, extendedCode: SQLITE_MISUSE,
                              message: "the SQL text holds no statement", sql: sql)
        }
        guard trailing.allSatisfy({ $0 == ";" || $0.isWhitespace }) else {
            sqlite3_finalize(statement)
            throw SQLiteError(code: SQLITE_MISUSE, extendedCode: SQLITE_MISUSE,
                              message: "the SQL text holds more than one statement; use executeScript",
                              sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to `?1…?n` in order; the count must match so a missing value is caught here.
    func bind(_ values: [SQLiteValue]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == values.count else {
            throw SQLiteError(code: SQLITE_RANGE, extendedCode: SQLITE_RANGE,
                              message: "statement has \(expected) parameters but \(values.count) values were given",
                              sql: sql)
        }
        for (offset, value) in values.enumerated() {
            try connection.check(bind(value, at: Int32(offset + 1)), sql: sql)
        }
    }

    /// Binds one value; text and blobs are copied (SQLITE_TRANSIENT) because Swift owns their buffers.
    private func bind(_ value: SQLiteValue, at index: Int32) -> Int32 {
        switch value {
        case .integer(let number):
            return sqlite3_bind_int64(handle, index, number)
        case .real(let number):
            return sqlite3_bind_double(handle, index, number)
        case .text(let string):
            var string = string
            return string.withUTF8 { buffer in
                // An empty buffer may have no base address, and a NULL pointer would bind SQL NULL.
                guard let base = buffer.baseAddress, !buffer.isEmpty else {
                    return sqlite3_bind_text(handle, index, "", 0, reconcile_sqlite_transient())
                }
                return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { text in
                    sqlite3_bind_text64(handle, index, text, sqlite3_uint64(buffer.count),
                                        reconcile_sqlite_transient(), UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let data):
            if data.isEmpty {
                return sqlite3_bind_zeroblob(handle, index, 0)
            }
            return data.withUnsafeBytes { buffer in
                sqlite3_bind_blob64(handle, index, buffer.baseAddress, sqlite3_uint64(buffer.count),
                                    reconcile_sqlite_transient())
            }
        case .null:
            return sqlite3_bind_null(handle, index)
        }
    }

    /// Advances one row; true while a row is available, false when done.
    func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        try connection.check(rc, sql: sql)
        return rc == SQLITE_ROW
    }

    /// Whether the column of the current row is NULL.
    func isNull(at column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    /// An integer column (0 for NULL; use `optionalInt64` for nullable columns).
    func int64(at column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    /// A nullable integer column.
    func optionalInt64(at column: Int32) -> Int64? {
        isNull(at: column) ? nil : int64(at: column)
    }

    /// A real column.
    func double(at column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    /// A text column ("" for NULL; use `optionalString` for nullable columns).
    func string(at column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// A nullable text column.
    func optionalString(at column: Int32) -> String? {
        isNull(at: column) ? nil : string(at: column)
    }

    /// A blob column (empty for NULL).
    func data(at column: Int32) -> Data {
        guard let bytes = sqlite3_column_blob(handle, column) else { return Data() }
        return Data(bytes: bytes, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// A millisecond timestamp column as a date.
    func date(at column: Int32) -> Date {
        SQLiteValue.date(milliseconds: int64(at: column))
    }

    /// A nullable millisecond timestamp column.
    func optionalDate(at column: Int32) -> Date? {
        optionalInt64(at: column).map(SQLiteValue.date(milliseconds:))
    }
}
