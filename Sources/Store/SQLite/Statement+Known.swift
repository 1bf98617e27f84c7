extension Statement {
    /// A text column that holds one of an enum's raw values; any other value is an error naming the row, so a
    /// database from a newer version (or edited by hand) is refused clearly rather than misread.
    func known<Value: RawRepresentable>(_ type: Value.Type, at column: Int32, table: String, column name: String,
                                        rowID: Int64) throws -> Value where Value.RawValue == String {
        let text = string(at: column)
        guard let value = Value(rawValue: text) else {
            throw StoreError.unknownValue(table: table, column: name, rowID: rowID, value: text)
        }
        return value
    }

    /// As `known`, for a column where NULL means "not yet" (an unfinished operation's outcome).
    func optionalKnown<Value: RawRepresentable>(_ type: Value.Type, at column: Int32, table: String, column name: String,
                                                rowID: Int64) throws -> Value? where Value.RawValue == String {
        isNull(at: column) ? nil : try known(type, at: column, table: table, column: name, rowID: rowID)
    }
}
