import FoundationEssentials

/// JSON columns: encoded with sorted keys so equal values give equal text (diffable in audits).
extension Store {
    /// Encodes a value for a TEXT column.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes a TEXT column, naming the table, column and row if it is unreadable.
    static func decode<T: Decodable>(_ type: T.Type, from text: String,
                                     table: String, column: String, rowID: Int64) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.corruptColumn(table: table, column: column, rowID: rowID,
                                           reason: String(describing: error))
        }
    }
}
