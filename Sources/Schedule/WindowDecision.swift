import FoundationEssentials
import Spec

/// Whether changes may happen at one instant, why, and when that flips.
public struct WindowDecision: Sendable, Hashable, Codable {
    /// True when a change may start now.
    public var open: Bool
    /// One sentence for plan/status output, e.g. `deny window 06:45-07:15 Europe/Berlin in force until 07:15`.
    public var reason: String
    /// Earliest instant >= now when changes are allowed: now itself when open; nil when not within the horizon.
    public var nextOpen: Date?
    /// When the open period starting at `nextOpen` ends (a deny starts or the allow windows close);
    /// nil when it does not end within the horizon (or there is no `nextOpen`).
    public var closesAt: Date?
    /// The window that decided: the deny in force, the allow window open, or the next one to open.
    public var window: WindowSpec?
    /// IANA zone used for `pending`: the host's, else the windows' common zone, else UTC.
    public var timeZone: String
    /// For status when closed: `pending until 2026-11-26 07:15 Europe/Berlin`; nil when open.
    public var pending: String?

    public init(open: Bool, reason: String, nextOpen: Date?, closesAt: Date?, window: WindowSpec?,
                timeZone: String, pending: String?) {
        self.open = open
        self.reason = reason
        self.nextOpen = nextOpen
        self.closesAt = closesAt
        self.window = window
        self.timeZone = timeZone
        self.pending = pending
    }

    /// When a daemon should look again: `closesAt` while open, `nextOpen` while closed.
    public var nextChange: Date? {
        open ? closesAt : nextOpen
    }
}
