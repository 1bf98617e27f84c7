import FoundationEssentials

/// One outbound subscription as `/api/status` shows it; the same figures feed `/metrics`.
public struct SubscriptionStatus: Sendable, Codable, Equatable {
    /// The subscription's URL without credentials, e.g. `mqtt://broker.lan:1883/reconcile/deploy`.
    public var name: String
    /// `mqtt` or `ntfy`.
    public var kind: String
    public var connected: Bool
    public var connectedSince: Date?
    /// Successful connections after the first.
    public var reconnects: Int
    public var lastMessageAt: Date?
    public var lastMessageID: String?
    /// Messages that counted (signed, fresh, new).
    public var accepted: Int
    /// Refused messages by reason (`unsigned`, `bad_signature`, `stale`, `replayed`, `malformed`).
    public var rejected: [String: Int]
    /// Why the last connection failed or ended; kept after reconnecting, for the record.
    public var lastError: String?

    public init(name: String, kind: String) {
        self.name = name
        self.kind = kind
        connected = false
        reconnects = 0
        accepted = 0
        rejected = [:]
    }

    /// Connections so far, so the next one knows whether it is a reconnect.
    var connections = 0

    enum CodingKeys: String, CodingKey {
        case name, kind, connected, connectedSince, reconnects, lastMessageAt, lastMessageID, accepted, rejected, lastError
    }
}
