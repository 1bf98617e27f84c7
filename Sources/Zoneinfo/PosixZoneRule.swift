/// The POSIX TZ rule of a TZif footer, such as `CET-1CEST,M3.5.0,M10.5.0/3`: the offsets after the file's
/// last listed transition. Debian's 'slim' zoneinfo files list none past 2007 or so and rely on it.
struct PosixZoneRule: Sendable, Equatable {
    /// Seconds east of UTC outside daylight saving time.
    var standardOffset: Int
    /// The yearly daylight saving period, if the zone has one.
    var daylight: Daylight?

    struct Daylight: Sendable, Equatable {
        /// Seconds east of UTC during daylight saving time.
        var offset: Int
        var start: Change
        var end: Change
    }

    /// A yearly change: a day and a wall-clock time read in the offset in force before the change.
    struct Change: Sendable, Equatable {
        var day: Day
        /// Seconds after that day's local midnight; RFC 8536 allows -167 to 167 hours.
        var time: Int

        func instant(year: Int, offsetBefore: Int) -> Int {
            day.dayNumber(year: year) * CivilDate.secondsPerDay + time - offsetBefore
        }
    }

    enum Day: Sendable, Equatable {
        /// `Jn`: day 1…365, February 29 never counted.
        case julian(Int)
        /// `n`: day 0…365, February 29 counted in leap years.
        case zeroBased(Int)
        /// `Mm.w.d`: weekday `d` (0 = Sunday) of week `w` of month `m`; week 5 is the last such weekday.
        case weekday(month: Int, week: Int, weekday: Int)

        func dayNumber(year: Int) -> Int {
            let newYear = CivilDate.days(year: year, month: 1, day: 1)
            switch self {
            case let .julian(day):
                let leap = CivilDate.days(year: year, month: 3, day: 1) - CivilDate.days(year: year, month: 2, day: 28) == 2
                return newYear + day - 1 + (leap && day >= 60 ? 1 : 0)
            case let .zeroBased(day):
                return newYear + day
            case let .weekday(month, week, weekday):
                let first = CivilDate.days(year: year, month: month, day: 1)
                let nextMonth = month == 12 ? CivilDate.days(year: year + 1, month: 1, day: 1)
                                            : CivilDate.days(year: year, month: month + 1, day: 1)
                let day = first + CivilDate.floorMod(weekday - CivilDate.weekday(days: first), 7) + (week - 1) * 7
                return day >= nextMonth ? day - 7 : day
            }
        }
    }

    /// UTC offset in seconds at an instant.
    func offset(at instant: Int) -> Int {
        let year = year(of: instant)
        return changes(years: year - 1...year + 1).last { $0.at <= instant }?.offset ?? standardOffset
    }

    /// The first instant after `instant` at which the offset changes; nil when it never does.
    func nextTransition(after instant: Int) -> Int? {
        let current = offset(at: instant)
        let year = year(of: instant)
        // Judged by the offset each change leaves, not by its kind: in all-year DST (`J365/25` ends one year where
        // the next begins) no change moves the clock.
        return changes(years: year - 1...year + 2).map(\.at).filter { $0 > instant }.first { offset(at: $0) != current }
    }

    private func year(of instant: Int) -> Int {
        CivilDate.date(days: CivilDate.floorDiv(instant + standardOffset, CivilDate.secondsPerDay)).year
    }

    /// Every start and end in `years`, in time order, ends before starts at the same instant.
    private func changes(years: ClosedRange<Int>) -> [(at: Int, offset: Int)] {
        guard let daylight else { return [] }
        let all = years.flatMap { year in
            [(at: daylight.start.instant(year: year, offsetBefore: standardOffset), offset: daylight.offset),
             (at: daylight.end.instant(year: year, offsetBefore: daylight.offset), offset: standardOffset)]
        }
        return all.sorted { ($0.at, $0.offset == daylight.offset ? 1 : 0) < ($1.at, $1.offset == daylight.offset ? 1 : 0) }
    }
}
