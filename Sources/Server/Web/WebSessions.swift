import Basics
import FoundationEssentials

/// Signed-in browsers of the status page: a random session id in an `HttpOnly` cookie, and a CSRF token the
/// page must echo in `X-CSRF-Token` with every action (a cookie alone never authorises a change).
actor WebSessions {
    struct Session: Sendable {
        let id: String
        let csrf: String
        let expires: Date
    }

    static let cookieName = "reconcile_session"
    let secret: Secret?
    let lifetime: Duration
    private var sessions: [String: Session] = [:]

    init(secret: Secret?, lifetime: Duration = .seconds(12 * 3600)) {
        self.secret = secret
        self.lifetime = lifetime
    }

    /// A new session when `token` is the daemon's token; nil otherwise (or when none is configured).
    func login(token: String) -> Session? {
        guard let secret, SignatureCheck.validToken(token, secret: secret) else { return nil }
        sessions = sessions.filter { $0.value.expires > Date() }
        let session = Session(id: Self.random(), csrf: Self.random(),
                              expires: Date().addingTimeInterval(Double(lifetime.components.seconds)))
        sessions[session.id] = session
        return session
    }

    /// The live session named by the request's `Cookie` header, if any.
    func session(cookieHeader: String?) -> Session? {
        guard let id = Self.cookie(Self.cookieName, in: cookieHeader), let session = sessions[id] else { return nil }
        guard session.expires > Date() else {
            sessions[id] = nil
            return nil
        }
        return session
    }

    func logout(cookieHeader: String?) {
        if let id = Self.cookie(Self.cookieName, in: cookieHeader) { sessions[id] = nil }
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

    /// 32 random bytes as hex.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return HexDigits.string((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
