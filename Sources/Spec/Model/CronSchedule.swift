/// A parsed 5-field cron expression (minute hour day-of-month month day-of-week), fields as value sets.
public struct CronSchedule: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The expression as written (or as generated from a short form).
    public var expression: String
    /// 0...59
    public var minutes: Set<Int>
    /// 0...23
    public var hours: Set<Int>
    /// 1...31
    public var daysOfMonth: Set<Int>
    /// 1...12
    public var months: Set<Int>
    /// 0...6, Sunday = 0 (7 is folded into 0).
    public var daysOfWeek: Set<Int>
    /// True when day-of-month starts with `*` (`*`, `*/2`); like Vixie cron, the two day fields are ORed
    /// only when neither does.
    public var anyDayOfMonth: Bool
    /// True when day-of-week starts with `*`.
    public var anyDayOfWeek: Bool

    public init(expression: String, minutes: Set<Int>, hours: Set<Int>, daysOfMonth: Set<Int>, months: Set<Int>,
                daysOfWeek: Set<Int>, anyDayOfMonth: Bool, anyDayOfWeek: Bool) {
        self.expression = expression
        self.minutes = minutes
        self.hours = hours
        self.daysOfMonth = daysOfMonth
        self.months = months
        self.daysOfWeek = daysOfWeek
        self.anyDayOfMonth = anyDayOfMonth
        self.anyDayOfWeek = anyDayOfWeek
    }

    public var description: String { expression }

    /// Whether a wall-clock minute matches, with cron's day-of-month/day-of-week OR rule.
    public func matches(minute: Int, hour: Int, day: Int, month: Int, weekday: Int) -> Bool {
        guard minutes.contains(minute), hours.contains(hour), months.contains(month) else { return false }
        let domHit = daysOfMonth.contains(day)
        let dowHit = daysOfWeek.contains(weekday % 7)
        if anyDayOfMonth || anyDayOfWeek { return domHit && dowHit }
        return domHit || dowHit
    }
}
