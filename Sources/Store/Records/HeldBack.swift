import FoundationEssentials

/// A service config hash that rolled back and must not be retried until the spec changes again.
public struct HeldBack: Sendable, Codable, Equatable {
    public var host: String
    public var stack: String
    public var service: String
    /// The `reconcile.hash` of the config that failed its health gate.
    public var hash: String
    /// Why it was held back (the health failure, redacted).
    public var reason: String
    public var heldAt: Date

    public init(host: String, stack: String, service: String, hash: String, reason: String, heldAt: Date) {
        self.host = host
        self.stack = stack
        self.service = service
        self.hash = hash
        self.reason = reason
        self.heldAt = heldAt
    }
}
