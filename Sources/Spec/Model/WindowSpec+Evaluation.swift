import Foundation

extension WindowSpec {
    /// Whether `date` lies inside this window: some schedule match happened less than `duration` before it.
    ///
    /// Evaluated per minute in the window's zone (then `hostTimeZone`, then UTC), so DST shifts follow the
    /// wall clock like cron does. Durations are capped at 31 days to bound the scan.
    public func contains(_ date: Date, hostTimeZone: String? = nil) -> Bool {
        let zone = (timezone ?? hostTimeZone).flatMap { TimeZone(identifier: $0) } ?? TimeZone(identifier: "UTC")
        var calendar = Calendar(identifier: .gregorian)
        if let zone { calendar.timeZone = zone }
        let seconds = min(duration.components.seconds, 31 * 24 * 3600)
        let minutes = max(1, Int((seconds + 59) / 60))
        let minuteStart = Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60)
        for back in 0..<minutes {
            let candidate = minuteStart.addingTimeInterval(Double(-back * 60))
            guard date.timeIntervalSince(candidate) < Double(seconds) else { break }
            let parts = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: candidate)
            guard let minute = parts.minute, let hour = parts.hour, let day = parts.day, let month = parts.month,
                  let weekday = parts.weekday else { continue }
            if schedule.matches(minute: minute, hour: hour, day: day, month: month, weekday: weekday - 1) {
                return true
            }
        }
        return false
    }
}
