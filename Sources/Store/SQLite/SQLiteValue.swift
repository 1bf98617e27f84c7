import FoundationEssentials

/// A value bound to a statement parameter; an enum keeps binding exhaustive and type-checked.
enum SQLiteValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
    case null

    /// Text or NULL, for optional columns.
    static func optionalText(_ value: String?) -> SQLiteValue {
        value.map { .text($0) } ?? .null
    }

    /// Integer or NULL, for optional columns.
    static func optionalInteger(_ value: Int64?) -> SQLiteValue {
        value.map { .integer($0) } ?? .null
    }

    /// A date as integer milliseconds since 1970: exact to compare, and readable with
    /// `datetime(col / 1000, 'unixepoch')` in the sqlite3 shell.
    static func date(_ value: Date) -> SQLiteValue {
        .integer(SQLiteValue.milliseconds(value))
    }

    /// An optional date, NULL when absent.
    static func optionalDate(_ value: Date?) -> SQLiteValue {
        value.map { .date($0) } ?? .null
    }

    /// The storage form of a date: whole milliseconds since 1970.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The date for stored milliseconds since 1970.
    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
