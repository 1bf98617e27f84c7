import FoundationEssentials
import Zoneinfo

/// Converts between instants (whole seconds since 1970, UTC) and wall-clock times in one zone.
///
/// DST rules, like cronie: a wall time that does not exist (the spring-forward gap) fires at the first
/// instant after the gap; a wall time that happens twice (the fall-back hour) fires once, at its first
/// occurrence, unless the schedule is a wildcard one (see `CronTimes`), which fires at both.
struct ZoneClock: Sendable {
    let zone: ZoneRules
    /// The name as configured, so people read what they wrote.
    let name: String
    /// No zone's offset exceeds this, so a local day's instants lie within this margin of its naive start.
    static let offsetMargin = 15 * 3600

    /// A clock for an IANA zone name; nil when the zone database does not know it.
    init?(named name: String) {
        guard let zone = ZoneRules(named: name) else { return nil }
        self.init(zone: zone, name: name)
    }

    /// The fallback when a configured name is unusable for display (never for evaluation).
    static let utc = ZoneClock(zone: .utc, name: "UTC")

    private init(zone: ZoneRules, name: String) {
        self.zone = zone
        self.name = name
    }

    /// UTC offset in seconds at an instant.
    func offset(at instant: Int) -> Int {
        zone.offset(at: instant)
    }

    /// The wall-clock reading at an instant (fractions of a second dropped).
    func wallTime(at date: Date) -> WallTime {
        let instant = Int(date.timeIntervalSince1970.rounded(.down))
        return WallTime(localSeconds: instant + offset(at: instant))
    }

    /// The local day number an instant falls on.
    func localDay(of instant: Int) -> Int {
        CivilDate.floorDiv(instant + offset(at: instant), CivilDate.secondsPerDay)
    }

    /// The single offset valid for every wall time of a local day, or nil when an offset change touches it.
    func uniformOffset(day: Int) -> Int? {
        let start = day * CivilDate.secondsPerDay
        let low = start - Self.offsetMargin, high = start + CivilDate.secondsPerDay + Self.offsetMargin
        let lowOffset = offset(at: low)
        guard offset(at: high) == lowOffset else { return nil }
        if let next = zone.nextTransition(after: low), next <= high { return nil }
        return lowOffset
    }

    /// The instants a wall time (naive local seconds) fires at, applying the gap and repeat rules above:
    /// one instant, or both occurrences of a repeated wall time when `bothRepeats`.
    func instants(wall local: Int, bothRepeats: Bool) -> [Int] {
        let before = offset(at: local - CivilDate.secondsPerDay)
        let after = offset(at: local + CivilDate.secondsPerDay)
        let valid = Set([local - before, local - after].filter { offset(at: $0) == local - $0 }).sorted()
        if let first = valid.first { return bothRepeats ? valid : [first] }
        // In a gap: the wall time read with the old offset lies after the change, with the new one before.
        return [firstInstant(withOffset: after, above: local - after, atMost: local - before)]
    }

    /// Binary search for the moment the offset becomes `target` (the end of a gap).
    private func firstInstant(withOffset target: Int, above low: Int, atMost high: Int) -> Int {
        guard low < high, offset(at: high) == target else { return max(low, high) }
        var low = low, high = high
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if offset(at: middle) == target { high = middle } else { low = middle }
        }
        return high
    }
}
