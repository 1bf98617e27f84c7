import FoundationEssentials

/// Everything the daemon needs besides the controller: where to listen, how often to pass, which secrets to check.
public struct DaemonSettings: Sendable {
    /// Host and port of the HTTP listener; port 0 picks a free port (tests).
    public var listenHost: String
    public var listenPort: Int
    /// Time between timer passes.
    public var interval: Duration
    /// Time between `git ls-remote` polls (remote sources only).
    public var gitPoll: Duration
    /// Secret for `/hooks/git` and `/api/trigger`; nil disables both (404).
    public var gitSecret: Secret?
    /// Secret for signed `/hooks/image` requests (generic and GitHub forms).
    public var imageSecret: Secret?
    /// Static `Authorization: Bearer` token the registry's notification endpoint sends; nil refuses that form.
    public var registryToken: Secret?
    /// Bodies above this many bytes get 413 before any signature work.
    public var maxBodyBytes: Int
    /// How many delivery ids are remembered to refuse replays.
    public var deliveryMemory: Int
    /// Bearer token for `/api/status` (and `/metrics`, once set); required when listening beyond loopback.
    public var apiToken: Secret?
    /// A connection that sends nothing for this long is closed (idle keep-alives, stalled requests).
    public var idleTimeout: Duration
    /// `--public-status`: the status page's read-only views need no sign-in beyond loopback (actions still do).
    public var publicStatus = false
    /// `--public-url`: where a phone reaches the daemon, for the approve/skip links of update notifications;
    /// nil: `http://<listen host>:<bound port>`.
    public var publicURL: String?
    /// `--updates-branch`: version updates are pushed to this branch (e.g. `reconcile/updates`) instead of the
    /// followed one, so nothing deploys until someone merges it; nil: the followed branch.
    public var updatesBranch: String?
    /// How long an update notification's approve/skip links work.
    public var updateLinkLifetime: Duration = .seconds(48 * 3600)

    public init(listenHost: String = "127.0.0.1", listenPort: Int = 9420, interval: Duration = .seconds(300),
                gitPoll: Duration = .seconds(60), gitSecret: Secret? = nil, imageSecret: Secret? = nil,
                registryToken: Secret? = nil, maxBodyBytes: Int = 1 << 20, deliveryMemory: Int = 1000,
                apiToken: Secret? = nil, idleTimeout: Duration = .seconds(30)) {
        self.apiToken = apiToken
        self.idleTimeout = idleTimeout
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.interval = interval
        self.gitPoll = gitPoll
        self.gitSecret = gitSecret
        self.imageSecret = imageSecret
        self.registryToken = registryToken
        self.maxBodyBytes = maxBodyBytes
        self.deliveryMemory = deliveryMemory
    }

    /// Whether the listener is reachable only from this machine (127.0.0.0/8, ::1, localhost).
    public var listensOnLoopbackOnly: Bool {
        let host = listenHost.lowercased()
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Parses `HOST:PORT` (`[::1]:9420` for IPv6).
    public static func parseListen(_ text: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port) else { throw DaemonError.badListenAddress(text) }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw DaemonError.badListenAddress(text) }
        return (host, port)
    }

    /// Parses `90s`, `5m`, `1h`, `250ms` or a bare number of seconds.
    public static func parseDuration(_ text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            if let value = Double(number), value >= 0, !(suffix == "s" && number.hasSuffix("m")) {
                return .milliseconds(Int64(value * scale * 1000))
            }
        }
        return Double(text).flatMap { $0 >= 0 ? .milliseconds(Int64($0 * 1000)) : nil }
    }
}
