/// Which tags may replace the current one: the largest step allowed, an optional pattern every candidate
/// must match, and whether pre-releases count.
public struct VersionRule: Sendable, Codable, Hashable {
    public var allow: VersionStep
    /// A regular expression the tag must contain a match of (anchor it with `^…$` for the whole tag) (`^v?\d+\.\d+\.\d+$`); nil lets every version through.
    public var match: String?
    public var prereleases: Bool

    public init(allow: VersionStep = .minor, match: String? = nil, prereleases: Bool = false) {
        self.allow = allow
        self.match = match
        self.prereleases = prereleases
    }

    /// Why `pattern` is not a regular expression, or nil when it is one (checked when the repository loads).
    public static func patternProblem(_ pattern: String) -> String? {
        do {
            _ = try Regex(pattern)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
