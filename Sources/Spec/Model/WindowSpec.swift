import Basics

/// A maintenance window: changes are allowed (or denied) for `duration` after each `schedule` match.
///
/// Short forms (`{deny: "06:45-07:15"}`, `{allow: "Mon-Fri 09:00-17:00"}`) are normalised to a cron
/// schedule plus a duration so the planner evaluates one shape only.
public struct WindowSpec: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable {
        case allow, deny
    }

    public var kind: Kind
    public var schedule: CronSchedule
    public var duration: Duration
    /// IANA zone; nil means the host's zone, then UTC.
    public var timezone: String?
    public var source: SourceLocation

    public init(kind: Kind, schedule: CronSchedule, duration: Duration, timezone: String? = nil,
                source: SourceLocation) {
        self.kind = kind
        self.schedule = schedule
        self.duration = duration
        self.timezone = timezone
        self.source = source
    }
}
