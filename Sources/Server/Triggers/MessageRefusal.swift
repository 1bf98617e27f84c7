/// Why a trigger message did not count; the raw value is the `result` label in `/metrics` and the status.
public enum MessageRefusal: String, Error, Sendable, CaseIterable, CustomStringConvertible {
    /// Not JSON, or not the signed message format (unknown event, a field with a newline, no id).
    case malformed
    /// No `signature` field.
    case unsigned
    /// A signature that is not the HMAC of the message with the shared secret.
    case badSignature = "bad_signature"
    /// Timestamp more than five minutes from the daemon's clock.
    case stale
    /// An id already used within the freshness window.
    case replayed

    public var description: String {
        switch self {
        case .malformed: return "not a signed trigger message: publish the output of `reconcile sign`"
        case .unsigned: return "message has no signature: publish the output of `reconcile sign`"
        case .badSignature: return "signature does not match: CI and the daemon must share the same triggers secret"
        case .stale: return "timestamp more than 5 minutes from the daemon's clock: sign just before publishing, check NTP"
        case .replayed: return "message id already used: `reconcile sign` makes a new id each time"
        }
    }
}
