import FoundationEssentials

/// The `filters` query parameter of list and events calls: a JSON map from
/// filter name to values, e.g. `{"label":["reconcile.stack=web"]}`.
public struct DockerFilters: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public var values: [String: [String]]

    public init(_ values: [String: [String]] = [:]) { self.values = values }

    public init(dictionaryLiteral elements: (String, [String])...) {
        values = Dictionary(elements, uniquingKeysWith: +)
    }

    /// Objects carrying label `key` (any value), or exactly `key=value`.
    public static func label(_ key: String, _ value: String? = nil) -> DockerFilters {
        DockerFilters().adding("label", value.map { "\(key)=\($0)" } ?? key)
    }

    /// A copy with one more value for `name`; values of one name are ORed, names are ANDed.
    public func adding(_ name: String, _ value: String) -> DockerFilters {
        var copy = self
        copy.values[name, default: []].append(value)
        return copy
    }

    /// The JSON text for the query, or `nil` when there is nothing to filter.
    var queryValue: String? {
        guard !values.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(values) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
