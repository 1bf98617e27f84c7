import Basics
import FoundationEssentials
import HTTP

/// How long a forge asks to be left alone, from its headers: `Retry-After` (seconds) on a 403/429 or anywhere,
/// and `X-RateLimit-Remaining: 0` with `X-RateLimit-Reset` (Unix seconds) when the budget is spent.
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
        let spent = headers["X-RateLimit-Remaining"].flatMap { Int($0.trimmingWhitespaceAndNewlines()) } == 0
        guard spent || status == 429 else { return nil }
        if let reset = headers["X-RateLimit-Reset"].flatMap({ Double($0.trimmingWhitespaceAndNewlines()) }) {
            let seconds = max(1, reset - now.timeIntervalSince1970 + 1)
            return min(.milliseconds(Int64(seconds * 1000)), maximumWait)
        }
        return fallbackWait
    }
}
