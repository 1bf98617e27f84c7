import Basics
import FoundationEssentials
import HTTP

/// How long a forge asks to be left alone, from its headers: `Retry-After` (seconds) on a 403/429 or anywhere;
/// `X-RateLimit-Remaining: 0` with `X-RateLimit-Reset` (Unix seconds) when the budget is spent; and, with budget
/// left, the time to the reset shared out over the requests remaining.
enum ForgeRateLimit {
    /// Longest wait honoured; a forge asking for more is asked again after this.
    static let maximumWait: Duration = .seconds(3600)
    /// Wait when the budget is spent and no reset time was given.
    static let fallbackWait: Duration = .seconds(60)

    /// The wait the headers ask for, or nil when they ask for none.
    static func wait(status: Int, headers: HTTPHeaders, now: Date) -> Duration? {
        if let text = headers["Retry-After"]?.trimmingWhitespaceAndNewlines(), let seconds = Int(text), seconds >= 0 {
            return min(.seconds(seconds), maximumWait)
        }
        let remaining = headers["X-RateLimit-Remaining"].flatMap { Int($0.trimmingWhitespaceAndNewlines()) }
        let reset = headers["X-RateLimit-Reset"].flatMap { Double($0.trimmingWhitespaceAndNewlines()) }
        let untilReset = reset.map { $0 - now.timeIntervalSince1970 }
        if let remaining, remaining > 0, let untilReset, untilReset > 0 {
            // Budget left: spread it over the time to the reset, so a token other tools share is never run dry.
            return min(.milliseconds(Int64(untilReset / Double(remaining) * 1000)), maximumWait)
        }
        guard remaining == 0 || status == 429 else { return nil }
        guard let untilReset else { return fallbackWait }
        return min(.milliseconds(Int64(max(1, untilReset + 1) * 1000)), maximumWait)
    }
}
