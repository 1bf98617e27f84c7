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

    /// Which kind of constraint failed, so callers can tell "already exists" from a schema bug.
    public var constraint: Constraint? {
        guard isConstraintViolation else { return nil }
        switch extendedCode {
        case reconcile_sqlite_constraint_unique(): return .unique
        case reconcile_sqlite_constraint_primarykey(): return .primaryKey
        case reconcile_sqlite_constraint_notnull(): return .notNull
        case reconcile_sqlite_constraint_check(): return .check
        case reconcile_sqlite_constraint_foreignkey(): return .foreignKey
        default: return .other
        }
    }

    /// The constraint kinds SQLite reports through extended result codes.
    public enum Constraint: Sendable, Equatable {
        case unique, primaryKey, notNull, check, foreignKey, other
    }

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
