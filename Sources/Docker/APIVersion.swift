import Basics
import FoundationEssentials

/// An Engine API version such as `1.41`, ordered numerically (1.9 < 1.41).
public struct APIVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `"1.41"`; `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.trimmingWhitespace().split(separator: ".")
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        self.init(major: major, minor: minor)
    }

    public var description: String { "\(major).\(minor)" }

    public static func < (a: APIVersion, b: APIVersion) -> Bool {
        (a.major, a.minor) < (b.major, b.minor)
    }
}
