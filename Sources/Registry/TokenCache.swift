import FoundationEssentials

/// Bearer tokens per registry repository, kept until their `expires_in` passes so a burst of checks
/// costs one token request, not one per check.
struct TokenCache: Sendable {
    private struct Entry: Sendable {
        var token: String
        var expires: Date
    }

    private var entries: [String: Entry] = [:]

    /// The token for `key` if it is still valid at `now`.
    func token(for key: String, now: Date) -> String? {
        guard let entry = entries[key], entry.expires > now else { return nil }
        return entry.token
    }

    /// Keeps `token` for `seconds` from `now`.
    mutating func store(_ token: String, for key: String, now: Date, seconds: Int) {
        entries[key] = Entry(token: token, expires: now.addingTimeInterval(TimeInterval(seconds)))
    }

    /// Drops a token the registry refused.
    mutating func remove(_ key: String) {
        entries[key] = nil
    }
}
