import Zoneinfo

/// A wall-clock reading in some zone, for matching cron fields and for printing times to people.
struct WallTime: Hashable, Sendable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    /// 0 = Sunday … 6 = Saturday, as cron counts.
    var weekday: Int

    /// The reading of local seconds since 1970-01-01 00:00 (a "naive" local timestamp).
    init(localSeconds: Int) {
        let dayNumber = CivilDate.floorDiv(localSeconds, CivilDate.secondsPerDay)
        let secondOfDay = localSeconds - dayNumber * CivilDate.secondsPerDay
        (year, month, day) = CivilDate.date(days: dayNumber)
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
        weekday = CivilDate.weekday(days: dayNumber)
    }

    /// `2026-11-26`
    var dateText: String { "\(year)-\(Self.pad(month))-\(Self.pad(day))" }

    /// `07:15`, or `07:15:30` when the seconds matter.
    var timeText: String {
        let base = "\(Self.pad(hour)):\(Self.pad(minute))"
        return second == 0 ? base : base + ":\(Self.pad(second))"
    }

    static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
