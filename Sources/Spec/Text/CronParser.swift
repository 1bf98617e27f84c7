/// Parses 5-field cron expressions and the `"[Mon-Fri ]HH:MM-HH:MM"` window short form.
public enum CronParser {
    /// What is wrong with an expression, phrased for the user.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    public static func parse(_ expression: String) throws(Failure) -> CronSchedule {
        let fields = expression.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw Failure(message: "`\(expression)` has \(fields.count) fields; cron needs 5 (minute hour day month weekday)")
        }
        let minutes = try field(fields[0], "minute", 0...59, names: [])
        let hours = try field(fields[1], "hour", 0...23, names: [])
        let days = try field(fields[2], "day of month", 1...31, names: [])
        let months = try field(fields[3], "month", 1...12, names: monthNames, nameOffset: 1)
        var weekdays = try field(fields[4], "day of week", 0...7, names: dayNames)
        if weekdays.remove(7) != nil { weekdays.insert(0) }
        return CronSchedule(expression: expression, minutes: minutes, hours: hours, daysOfMonth: days, months: months,
                            daysOfWeek: weekdays, anyDayOfMonth: fields[2].hasPrefix("*"),
                            anyDayOfWeek: fields[4].hasPrefix("*"))
    }

    /// `"06:45-07:15"` or `"Mon-Fri 09:00-17:00"` as a daily schedule plus a duration (wrapping past midnight).
    public static func parseShortForm(_ text: String) throws(Failure) -> (CronSchedule, Duration) {
        let parts = text.split(separator: " ").map(String.init)
        guard parts.count == 1 || parts.count == 2, let range = parts.last else {
            throw Failure(message: "`\(text)` is not a window; write `HH:MM-HH:MM` or `Mon-Fri HH:MM-HH:MM`")
        }
        let days = parts.count == 2 ? parts[0] : "*"
        if days != "*" { _ = try field(days, "day of week", 0...7, names: dayNames) }
        let ends = range.split(separator: "-").map(String.init)
        guard ends.count == 2 else {
            throw Failure(message: "`\(range)` is not a time range; write `HH:MM-HH:MM`")
        }
        let start = try clock(ends[0]), end = try clock(ends[1])
        var minutes = end - start
        if minutes <= 0 { minutes += 24 * 60 }
        let schedule = try parse("\(start % 60) \(start / 60) * * \(days)")
        return (schedule, .seconds(minutes * 60))
    }

    /// `HH:MM` as minutes after midnight.
    private static func clock(_ text: String) throws(Failure) -> Int {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...23).contains(h), (0...59).contains(m) else {
            throw Failure(message: "`\(text)` is not a time; write `HH:MM` (00:00 to 23:59)")
        }
        return h * 60 + m
    }

    /// One field: `*`, `*/n`, `a`, `a-b`, `a-b/n`, comma lists; names allowed for months and weekdays.
    private static func field(_ text: String, _ what: String, _ bounds: ClosedRange<Int>, names: [String],
                              nameOffset: Int = 0) throws(Failure) -> Set<Int> {
        var values = Set<Int>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard stepParts.count <= 2 else { throw Failure(message: "bad \(what) `\(item)`") }
            var step = 1
            if stepParts.count == 2 {
                guard let n = Int(stepParts[1]), n > 0 else { throw Failure(message: "bad step in \(what) `\(item)`") }
                step = n
            }
            var low = bounds.lowerBound, high = bounds.upperBound
            if stepParts[0] != "*" {
                let range = stepParts[0].split(separator: "-", omittingEmptySubsequences: false)
                guard range.count <= 2 else { throw Failure(message: "bad \(what) range `\(item)`") }
                low = try value(String(range[0]), what, bounds, names: names, nameOffset: nameOffset)
                high = range.count == 2 ? try value(String(range[1]), what, bounds, names: names, nameOffset: nameOffset) : low
                if stepParts.count == 2, range.count == 1 { high = bounds.upperBound }
                // `Sat-Sun`, `Mon-Sun`: Sunday is 0 by name, and 7 when it ends a weekday range.
                if bounds.upperBound == 7, range.count == 2, high == 0, low > 0 { high = 7 }
                guard low <= high else { throw Failure(message: "\(what) range `\(item)` runs backwards") }
            }
            values.formUnion(stride(from: low, through: high, by: step))
        }
        return values
    }

    private static func value(_ text: String, _ what: String, _ bounds: ClosedRange<Int>, names: [String],
                              nameOffset: Int) throws(Failure) -> Int {
        if let index = names.firstIndex(of: text.lowercased()) { return index + nameOffset }
        guard let number = Int(text), bounds.contains(number) else {
            throw Failure(message: "\(what) `\(text)` is out of range \(bounds.lowerBound)-\(bounds.upperBound)")
        }
        return number
    }
}
