import Basics
import Crypto
import FoundationEssentials

/// The signed, expiring links a notification's buttons follow to approve or skip one version update:
/// `POST <base>/api/updates/<id>/<action>?expires=<unix>&sig=<hmac>`, the HMAC-SHA256 (webhook secret) of
/// `update:<id>:<action>:<expires>`, so a link says only what it was made for and only until it expires.
public struct UpdateLink: Sendable {
    public enum Action: String, Sendable, CaseIterable {
        case approve, skip
    }

    /// Both buttons of one update.
    public struct Pair: Sendable, Hashable {
        public var approve: String
        public var skip: String
    }

    /// Where the daemon is reached from the phone, e.g. `https://reconcile.home.example` (no trailing slash).
    public let baseURL: String
    let secret: Secret
    /// How long a link works after the notification is sent.
    public let lifetime: Duration

    public init(baseURL: String, secret: Secret, lifetime: Duration = .seconds(48 * 3600)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.secret = secret
        self.lifetime = lifetime
    }

    public func links(for id: Int64, now: Date = Date()) -> Pair {
        let expires = Int64(now.timeIntervalSince1970) + lifetime.components.seconds
        return Pair(approve: baseURL + Self.path(id: id, action: .approve, expires: expires, secret: secret),
                    skip: baseURL + Self.path(id: id, action: .skip, expires: expires, secret: secret))
    }

    /// The path and query of one link.
    public static func path(id: Int64, action: Action, expires: Int64, secret: Secret) -> String {
        "/api/updates/\(id)/\(action.rawValue)?expires=\(expires)&sig="
            + SignatureCheck.hmacHex(body: payload(id: id, action: action, expires: expires), secret: secret)
    }

    static func payload(id: Int64, action: Action, expires: Int64) -> Data {
        Data("update:\(id):\(action.rawValue):\(expires)".utf8)
    }

    /// Why a followed link did nothing.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed(String)
        case expired
        case badSignature
        case replayed

        public var description: String {
            switch self {
            case .malformed(let what): return "\(what); use the link of the notification as sent"
            case .expired: return "this link has expired; run `reconcile updates` on the host to approve or skip"
            case .badSignature: return "signature missing or wrong; use the link of the notification as sent"
            case .replayed: return "this link was already used; `reconcile updates` shows the update's state"
            }
        }

        var status: Int {
            switch self {
            case .malformed: return 400
            case .expired: return 410
            case .badSignature: return 401
            case .replayed: return 409
            }
        }
    }

    /// Checks a followed link's parts; the replay check is the caller's (it remembers the used signatures).
    static func verify(id idText: String, action actionText: String, expires expiresText: String?, sig: String?,
                       secret: Secret, now: Date) -> Result<(id: Int64, action: Action, signature: String), Refusal> {
        guard let id = Int64(idText), id > 0 else { return .failure(.malformed("`\(idText)` is not an update id")) }
        guard let action = Action(rawValue: actionText) else {
            return .failure(.malformed("`\(actionText)` is not an action; expected approve or skip"))
        }
        guard let expiresText, let expires = Int64(expiresText), let sig else {
            return .failure(.malformed("the link lacks `expires` or `sig`"))
        }
        // The signature first: an expired link that was tampered with says "wrong", not "expired".
        guard SignatureCheck.validHMAC(sig, body: payload(id: id, action: action, expires: expires), secret: secret,
                                       prefixed: false) else { return .failure(.badSignature) }
        guard expires >= Int64(now.timeIntervalSince1970) else { return .failure(.expired) }
        return .success((id, action, sig.lowercased()))
    }
}
