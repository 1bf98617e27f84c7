import Basics
import Spec

/// Why windows could not be evaluated; the caller should hold changes back rather than guess.
public enum WindowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A window (or its host) names a zone the zone database does not know.
    case unknownTimeZone(String, window: SourceLocation)

    public var description: String {
        switch self {
        case let .unknownTimeZone(name, window):
            return "\(window): unknown time zone `\(name)` for this window; use an IANA name like "
                + "`Europe/Berlin` or `UTC` (changes stay pending until it is fixed)"
        }
    }
}
