import Foundation

/// Field-by-field comparison of two JSON values; zero values (null, false/0, [], {}) count as absent,
/// because compose omits them while the model spells them out.
enum JSONDiff {
    static func differences(_ expected: Any?, _ actual: Any?, path: String = "$") -> [String] {
        if isZero(expected), isZero(actual) { return [] }
        switch (expected, actual) {
        case let (e as [String: Any], a as [String: Any]):
            return Set(e.keys).union(a.keys).sorted().flatMap { differences(e[$0], a[$0], path: "\(path).\($0)") }
        case let (e as [Any], a as [Any]):
            guard e.count == a.count else { return ["\(path): expected \(e.count) items \(e), got \(a.count) \(a)"] }
            return zip(e, a).enumerated().flatMap { differences($1.0, $1.1, path: "\(path)[\($0)]") }
        case let (e as String, a as String):
            return e == a ? [] : ["\(path): expected \(e.debugDescription), got \(a.debugDescription)"]
        case let (e as NSNumber, a as NSNumber):
            return e.doubleValue == a.doubleValue ? [] : ["\(path): expected \(e), got \(a)"]
        default:
            return ["\(path): expected \(String(describing: expected)), got \(String(describing: actual))"]
        }
    }

    private static func isZero(_ value: Any?) -> Bool {
        switch value {
        case nil: return true
        case is NSNull: return true
        case let b as Bool: return !b
        case let n as NSNumber: return n.doubleValue == 0
        case let a as [Any]: return a.isEmpty
        case let d as [String: Any]: return d.isEmpty
        default: return false
        }
    }

    /// Compose's config output escapes `$` as `$$` so it can be re-read; undo that for comparison.
    static func unescapeDollars(_ value: Any) -> Any {
        switch value {
        case let s as String: return s.replacingOccurrences(of: "$$", with: "$")
        case let a as [Any]: return a.map(unescapeDollars)
        case let d as [String: Any]: return d.mapValues(unescapeDollars)
        default: return value
        }
    }
}
