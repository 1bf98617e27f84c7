/// Who may read `/api/status` and `/metrics`: anyone on loopback without a token; with a token (required when
/// the daemon listens beyond loopback), only a request that sends it as `Authorization: Bearer`.
struct StatusAccess: Sendable {
    let token: Secret?
    let loopbackOnly: Bool
    /// `--public-status`: the status page's read-only views are open to anyone who reaches the listener.
    var publicStatus = false

    init(settings: DaemonSettings) {
        token = settings.apiToken
        loopbackOnly = settings.listensOnLoopbackOnly
        publicStatus = settings.publicStatus
    }

    enum Verdict: Equatable {
        case allowed
        /// No token sent, or the wrong one.
        case unauthorized
        /// Listening beyond loopback with no token configured: the status is never served to the network.
        case notConfigured
    }

    /// `/api/status`: beyond loopback it always needs the token.
    func status(authorization: String?) -> Verdict {
        guard let token else { return loopbackOnly ? .allowed : .notConfigured }
        return Self.bearer(authorization, matches: token) ? .allowed : .unauthorized
    }

    /// `/metrics`: open unless a token is configured (Prometheus sends it with `authorization: credentials_file`).
    func metrics(authorization: String?) -> Verdict {
        guard let token else { return .allowed }
        return Self.bearer(authorization, matches: token) ? .allowed : .unauthorized
    }

    static func bearer(_ header: String?, matches token: Secret) -> Bool {
        guard let header, header.hasPrefix("Bearer ") else { return false }
        return SignatureCheck.validToken(String(header.dropFirst("Bearer ".count)), secret: token)
    }
}
