import CSQLite

/// A failed SQLite call, carrying enough context (codes, message, SQL) to act on without a debugger.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, …).
    public let code: Int32
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, …), which says which constraint failed.
    public let extendedCode: Int32
    /// SQLite's own message for the failure.
    public let message: String
    /// The statement that failed, when there was one (values are bound, so this never holds data).
    public let sql: String?

    public init(code: Int32, extendedCode: Int32, message: String, sql: String?) {
        self.code = code
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// Whether the failure is a violated constraint (UNIQUE, NOT NULL, CHECK, FOREIGN KEY).
    public var isConstraintViolation: Bool { code == SQLITE_CONSTRAINT }

    public var description: String {
        let name = String(cString: sqlite3_errstr(code))
        var text = "SQLite error \(code)/\(extendedCode) (\(name)): \(message)"
        if let sql {
            text += " — in statement: \(sql)"
        }
        if code == SQLITE_BUSY || code == SQLITE_LOCKED {
            text += " — another process holds the database lock; is a second reconcile running on this state directory?"
        }
        return text
    }
}
