import FoundationEssentials

/// Renders instants for people: fixed digits, no locale, always in a named zone.
public enum TimeText {
    /// `2026-11-26 07:15 Europe/Berlin` (seconds shown only when not zero); an unknown zone reads as UTC.
    public static func full(_ date: Date, zone name: String) -> String {
        full(date, in: ZoneClock(named: name) ?? .utc)
    }

    static func full(_ date: Date, in clock: ZoneClock) -> String {
        let wall = clock.wallTime(at: date)
        return "\(wall.dateText) \(wall.timeText) \(clock.name)"
    }

    /// `07:15` when `date` falls on the same local day as `now`, else `2026-11-26 07:15`; the zone is
    /// left out because the surrounding text names it.
    static func short(_ date: Date, relativeTo now: Date, in clock: ZoneClock) -> String {
        let wall = clock.wallTime(at: date), today = clock.wallTime(at: now)
        let sameDay = (wall.year, wall.month, wall.day) == (today.year, today.month, today.day)
        return sameDay ? wall.timeText : "\(wall.dateText) \(wall.timeText)"
    }
}
