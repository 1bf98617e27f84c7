import Basics
import Crypto
import FoundationEssentials

/// The one message format every trigger channel carries (ntfy, MQTT, `POST /hooks/message`): what moved, when, a
/// unique id, and an HMAC-SHA256 with the shared secret over all of it.
///
/// The HMAC covers a fixed line-per-field text rather than the JSON bytes, so a channel that re-encodes the JSON
/// (ntfy's `message` field is a string) cannot break the signature.
public struct SignedMessage: Sendable, Equatable {
    public enum Event: String, Sendable, CaseIterable {
        case git, image
    }

    public var event: Event
    /// `git`: the branch (`main`) and, optionally, the commit CI built.
    public var ref: String?
    public var commit: String?
    /// `image`: repository (`ghcr.io/org/app`), tag and, optionally, the digest the tag now names.
    public var image: String?
    public var tag: String?
    public var digest: String?
    /// Unix seconds when CI signed it.
    public var timestamp: Int64
    /// Unique per message; a second message with the same id is a replay.
    public var id: String
    /// `sha256=<hex>`.
    public var signature: String

    /// The version prefix of the signed text; a future format changes it instead of reinterpreting this one.
    static let scheme = "reconcile-trigger-v1"

    /// A new message signed with `secret`.
    public static func signed(event: Event, ref: String? = nil, commit: String? = nil, image: String? = nil,
                              tag: String? = nil, digest: String? = nil, at time: Date = Date(),
                              id: String = UUID().uuidString.lowercased(), secret: Secret) -> SignedMessage {
        var message = SignedMessage(event: event, ref: ref, commit: commit, image: image, tag: tag, digest: digest,
                                    timestamp: Int64(time.timeIntervalSince1970), id: id, signature: "")
        message.signature = "sha256=" + SignatureCheck.hmacHex(body: Data(message.signedText.utf8), secret: secret)
        return message
    }

    /// What the HMAC covers: the scheme and every field on its own line (fields may not hold a newline).
    var signedText: String {
        [Self.scheme, event.rawValue, ref ?? "", commit ?? "", image ?? "", tag ?? "", digest ?? "",
         String(timestamp), id].joined(separator: "\n")
    }

    /// Whether the signature is the HMAC of this message under `secret` (constant time).
    func isSigned(by secret: Secret) -> Bool {
        SignatureCheck.validHMAC(signature, body: Data(signedText.utf8), secret: secret, prefixed: true)
    }

    /// `ghcr.io/org/app:1.5`, for an image message.
    var imageReference: String? {
        guard let image else { return nil }
        return "\(image):\(tag ?? "latest")"
    }

    /// Compact JSON with sorted keys: what `reconcile sign` prints and CI publishes.
    public var json: String {
        var fields: [(String, String?)] = [("commit", commit), ("digest", digest), ("event", event.rawValue), ("id", id),
                                           ("image", image), ("ref", ref), ("signature", signature), ("tag", tag)]
        fields.removeAll { $0.1 == nil }
        var out = "{"
        for (key, value) in fields {
            JSONValue.writeString(key, to: &out)
            out += ":"
            JSONValue.writeString(value ?? "", to: &out)
            out += ","
        }
        return out + "\"timestamp\":\(timestamp)}"
    }
}
