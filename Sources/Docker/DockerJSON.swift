import FoundationEssentials

/// JSON coding for the Engine API. Docker's keys are PascalCase (`HostConfig`)
/// with a few camelCase ones (`status`, `timeNano`); Swift properties are
/// camelCase. Go decodes keys case-insensitively, so encoding only has to
/// capitalise the first letter; decoding lowercases the leading capitals
/// (`ImageID` → `imageID`, `IPAMConfig` → `ipamConfig`, `ID` → `id`).
/// Dictionary keys (labels, port specs) are left alone by both strategies.
enum DockerJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .custom { path in
            AnyKey(pascal(path.last?.stringValue ?? ""))
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            AnyKey(camel(path.last?.stringValue ?? ""))
        }
        return decoder
    }()

    static func pascal(_ key: String) -> String {
        key.prefix(1).uppercased() + key.dropFirst()
    }

    static func camel(_ key: String) -> String {
        let capitals = key.prefix { $0.isUppercase }
        if capitals.count == key.count { return key.lowercased() }
        if capitals.count <= 1 { return key.prefix(1).lowercased() + key.dropFirst() }
        // "IPAMConfig": the last capital starts the next word.
        let head = key.prefix(capitals.count - 1)
        return head.lowercased() + key.dropFirst(head.count)
    }
}

/// A coding key made from any string, for the key strategies.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
