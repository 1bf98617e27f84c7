import Basics
import FoundationEssentials
import HTTP

/// What a registry said about its limits in one response: `RateLimit-Remaining` (Docker Hub's
/// `100;w=21600`) and `Retry-After` (seconds or an HTTP date).
public struct RateLimitHeaders: Sendable, Equatable {
    /// Requests left in the current window, if the registry said.
    public var remaining: Int?
    /// The window length in seconds from `;w=`, if given.
    public var windowSeconds: Int?
    /// When requests may resume, from `Retry-After`.
    public var retryAfter: Date?

    public init(remaining: Int? = nil, windowSeconds: Int? = nil, retryAfter: Date? = nil) {
        self.remaining = remaining
        self.windowSeconds = windowSeconds
        self.retryAfter = retryAfter
    }

    /// Reads the headers of `response`, resolving a relative `Retry-After` against `now`.
    public init(headers: HTTPHeaders, now: Date) {
        self.init()
        if let value = headers["RateLimit-Remaining"] {
            let (count, window) = Self.parseQuota(value)
            remaining = count
            windowSeconds = window
        }
        if let value = headers["Retry-After"] {
            retryAfter = Self.parseRetryAfter(value, now: now)
        }
    }

    /// `100;w=21600` → (100, 21600); `7` → (7, nil).
    static func parseQuota(_ value: String) -> (Int?, Int?) {
        let parts = value.split(separator: ";").map { $0.trimmingWhitespace() }
        let count = parts.first.flatMap { Int($0) }
        let window = parts.dropFirst().first { $0.hasPrefix("w=") }.flatMap { Int($0.dropFirst(2)) }
        return (count, window)
    }

    /// `120` → now + 120 s; `Wed, 21 Oct 2026 07:28:00 GMT` → that instant; anything else → nil.
    static func parseRetryAfter(_ value: String, now: Date) -> Date? {
        let text = value.trimmingWhitespace()
        if let seconds = Int(text) { return now.addingTimeInterval(TimeInterval(max(0, seconds))) }
        return HTTPDate.parse(text)
    }
}
