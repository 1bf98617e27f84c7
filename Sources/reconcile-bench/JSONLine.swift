import FoundationEssentials

/// Prints `result` as one JSON object with sorted keys: the line `scripts/bench` records.
func printJSONLine(_ result: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(result), as: UTF8.self))
}
