import Spec
import Zoneinfo

/// The instants a cron schedule fires in one zone, ascending and without repeats, within `lower...upper`.
///
/// Walks local days and expands only the days whose date fields match, so a year-long horizon costs
/// one cheap check per day plus the actual matches, never a minute-by-minute scan.
///
/// Like cronie, a schedule whose minute or hour field starts with `*` is a wildcard schedule: in the
/// fall-back hour it fires at both occurrences of a wall time, so `* * * * *` leaves no hole; fixed-time
/// schedules fire once there.
struct CronTimes: Sequence, IteratorProtocol {
    private let schedule: CronSchedule
    private let clock: ZoneClock
    private let lower: Int
    private let upper: Int
    private let hours: [Int]
    private let minutes: [Int]
    private let wildcard: Bool
    private var day: Int
    private let lastDay: Int
    private var pending: [Int] = []
    private var index = 0
    private var last = Int.min

    init(_ schedule: CronSchedule, in clock: ZoneClock, from lower: Int, through upper: Int) {
        self.schedule = schedule
        self.clock = clock
        self.lower = lower
        self.upper = upper
        hours = schedule.hours.sorted()
        minutes = schedule.minutes.sorted()
        let fields = schedule.expression.split(whereSeparator: { $0 == " " || $0 == "\t" })
        wildcard = fields.prefix(2).contains { $0.hasPrefix("*") }
        // One day of slack each side: gap and repeat rules can move a wall time across a day boundary.
        day = clock.localDay(of: lower) - 1
        lastDay = clock.localDay(of: upper) + 1
    }

    mutating func next() -> Int? {
        while true {
            if index < pending.count {
                let instant = pending[index]
                index += 1
                if instant > upper { return nil }
                if instant >= lower, instant > last {
                    last = instant
                    return instant
                }
                continue
            }
            guard day <= lastDay else { return nil }
            pending = matches(onDay: day)
            index = 0
            day += 1
        }
    }

    /// Every firing instant of one local day, ascending.
    private func matches(onDay day: Int) -> [Int] {
        guard let firstHour = hours.first, let firstMinute = minutes.first else { return [] }
        let date = CivilDate.date(days: day)
        guard schedule.matches(minute: firstMinute, hour: firstHour, day: date.day, month: date.month,
                               weekday: CivilDate.weekday(days: day)) else { return [] }
        let start = day * CivilDate.secondsPerDay
        var result: [Int] = []
        result.reserveCapacity(hours.count * minutes.count)
        if let offset = clock.uniformOffset(day: day) {
            for hour in hours {
                for minute in minutes { result.append(start + hour * 3600 + minute * 60 - offset) }
            }
            return result
        }
        for hour in hours {
            for minute in minutes {
                result += clock.instants(wall: start + hour * 3600 + minute * 60, bothRepeats: wildcard)
            }
        }
        // Second occurrences of repeated wall times interleave with later wall times.
        return result.sorted()
    }
}
