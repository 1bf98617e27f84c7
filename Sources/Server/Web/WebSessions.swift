import Basics
import FoundationEssentials

/// Signed-in browsers of the status page: an `HttpOnly` cookie `<nonce>.<expiry>.<signature>` signed with the
/// daemon's API token, so a session survives a daemon restart (and ends when the token changes), and a CSRF
/// token derived from the nonce that the page must echo in `X-CSRF-Token` with every action (a cookie alone
/// never authorises a change).
actor WebSessions {
    struct Session: Sendable {
        let id: String
        let csrf: String
        let expires: Date
    }

    static let cookieName = "reconcile_session"
    let secret: Secret?
    let lifetime: Duration
    private let now: @Sendable () -> Date
    /// Nonces signed out before they expired. Kept in memory only: after a restart a signed-out cookie (which
    /// the browser deleted) would be good until its expiry; changing the token ends every session.
    private var signedOut: [String: Date] = [:]

    init(secret: Secret?, lifetime: Duration = .seconds(12 * 3600), now: @escaping @Sendable () -> Date = { Date() }) {
        self.secret = secret
        self.lifetime = lifetime
        self.now = now
    }

    /// A new session when `token` is the daemon's token; nil otherwise (or when none is configured).
    func login(token: String) -> Session? {
        guard let secret, SignatureCheck.validToken(token, secret: secret) else { return nil }
        let expires = Int64(now().timeIntervalSince1970) + lifetime.components.seconds
        let nonce = Self.random()
        let signed = "\(nonce).\(expires)"
        return Session(id: signed + "." + Self.sign("session:" + signed, secret), csrf: Self.sign("csrf:" + nonce, secret),
                       expires: Date(timeIntervalSince1970: Double(expires)))
    }

    /// The live session the request's `Cookie` header carries: signed with this token, unexpired, not signed out.
    func session(cookieHeader: String?) -> Session? {
        guard let secret, let id = Self.cookie(Self.cookieName, in: cookieHeader) else { return nil }
        let parts = id.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let expiry = Int64(parts[1]) else { return nil }
        let signed = parts[0] + "." + parts[1]
        let wanted = Self.sign("session:" + signed, secret)
        guard SignatureCheck.constantTimeEqual(Array(parts[2].utf8), Array(wanted.utf8)) else { return nil }
        let expires = Date(timeIntervalSince1970: Double(expiry))
        guard expires > now(), signedOut[parts[0]] == nil else { return nil }
        return Session(id: id, csrf: Self.sign("csrf:" + parts[0], secret), expires: expires)
    }

    func logout(cookieHeader: String?) {
        guard let session = session(cookieHeader: cookieHeader) else { return }
        let moment = now()
        signedOut = signedOut.filter { $0.value > moment }
        signedOut[String(session.id.prefix { $0 != "." })] = session.expires
    }

    /// An action is allowed only with a live session and its CSRF token, compared in constant time.
    func authorizesAction(cookieHeader: String?, csrf: String?) -> Bool {
        guard let session = session(cookieHeader: cookieHeader), let csrf else { return false }
        return SignatureCheck.constantTimeEqual(Array(csrf.utf8), Array(session.csrf.utf8))
    }

    /// `Set-Cookie` for `session`; `Secure` when the page is served over TLS (a proxy says so).
    static func setCookie(_ session: Session, secure: Bool, lifetime: Duration) -> String {
        "\(cookieName)=\(session.id); Path=/; Max-Age=\(lifetime.components.seconds); HttpOnly; SameSite=Strict"
            + (secure ? "; Secure" : "")
    }

    static func clearCookie(secure: Bool) -> String {
        "\(cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    static func cookie(_ name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingWhitespaceAndNewlines() == name {
                return String(parts[1]).trimmingWhitespaceAndNewlines()
            }
        }
        return nil
    }

    /// HMAC-SHA256 of `text` under the API token; the `session:`/`csrf:` prefixes keep the two apart.
    static func sign(_ text: String, _ secret: Secret) -> String {
        SignatureCheck.hmacHex(body: Data(text.utf8), secret: secret)
    }

    /// 32 random bytes as hex.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return HexDigits.string((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
