import Basics
import FoundationEssentials

/// Builds `path?name=value&…` with values percent-encoded; `nil` values are left out.
struct DockerQuery {
    private var items: [(String, String)] = []

    init(_ pairs: [(String, String?)] = []) {
        for (name, value) in pairs { add(name, value) }
    }

    mutating func add(_ name: String, _ value: String?) {
        if let value { items.append((name, value)) }
    }

    /// `?a=1&b=2`, or the empty string.
    var string: String {
        guard !items.isEmpty else { return "" }
        return "?" + items.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    /// Unreserved characters stay; everything else (including `/`, `:`, `=`, `&`, `{`) is escaped.
    static func escape(_ text: String) -> String {
        text.percentEncoded(keepingAlphanumericsAnd: "-._~")
    }

    /// A path segment (container ID or name, image reference): `/` is kept
    /// because image references contain it and Docker's routes accept it.
    static func segment(_ text: String) -> String {
        text.percentEncoded(keepingAlphanumericsAnd: "-._~/:@")
    }
}
