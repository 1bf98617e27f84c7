import FoundationEssentials

/// How politely the watcher treats registries; the defaults keep a homelab far below Docker Hub's
/// anonymous quota (100 manifest requests per 6 h) while noticing a moved tag within hours.
public struct WatcherSettings: Sendable, Equatable {
    /// Poll interval for references whose policy names none.
    public var defaultInterval: Duration
    /// Up to this fraction of the interval is added per reference (fixed per reference by a hash), so
    /// references first seen together do not stay in lock-step and restarts do not re-randomise.
    public var jitterFraction: Double
    /// Requests per registry per hour, whatever the registry says.
    public var requestsPerHour: Int
    /// Pause a registry when its `RateLimit-Remaining` drops to this or below.
    public var pauseWhenRemainingAtMost: Int
    /// How long to pause when the registry gives no window (`;w=`) or `Retry-After`.
    public var defaultPause: Duration
    /// First back-off after a failed check; doubles per failure, capped at the interval.
    public var initialBackoff: Duration

    public init(defaultInterval: Duration = .seconds(6 * 3600), jitterFraction: Double = 0.1,
                requestsPerHour: Int = 60, pauseWhenRemainingAtMost: Int = 2,
                defaultPause: Duration = .seconds(3600), initialBackoff: Duration = .seconds(60)) {
        self.defaultInterval = defaultInterval
        self.jitterFraction = jitterFraction
        self.requestsPerHour = requestsPerHour
        self.pauseWhenRemainingAtMost = pauseWhenRemainingAtMost
        self.defaultPause = defaultPause
        self.initialBackoff = initialBackoff
    }
}

extension Duration {
    /// Seconds as `TimeInterval`, for date arithmetic.
    var timeInterval: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
