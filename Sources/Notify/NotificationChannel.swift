import Basics
import FoundationEssentials
import Spec

/// One place notifications go, as configured in `reconcile.yaml`; secrets already interpolated from the environment.
public struct NotificationChannel: Sendable, Hashable {
    /// The service on the other end decides the request's shape.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case ntfy, gotify, webhook
    }

    /// Where Gotify's application token goes: the `X-Gotify-Key` header, or `?token=` for proxies that drop headers.
    public enum TokenPlacement: String, Sendable, Hashable, CaseIterable {
        case header, query
    }

    public var kind: Kind
    /// A label for logs; defaults to the type and the server's host, never the token.
    public var name: String
    /// Base URL: ntfy server (default `https://ntfy.sh`), Gotify server, or the webhook's full URL.
    public var url: URL
    /// ntfy topic; required for ntfy, ignored otherwise.
    public var topic: String?
    /// ntfy access token (sent as Bearer) or Gotify application token; webhooks send it as Bearer too.
    public var token: String?
    public var tokenPlacement: TokenPlacement
    /// Overrides the per-event priority (ntfy 1–5, Gotify 0–10).
    public var priority: Int?
    /// Which events this channel wants.
    public var events: Set<NotificationEvent.Kind>
    /// CA bundle (PEM) for an https server with a private CA; nil trusts the system's roots.
    public var ca: String?
    /// Extra headers for webhooks (e.g. a shared secret the receiver checks).
    public var headers: [String: String]
    /// Whole-request limit: a slow notifier must not hold up the daemon.
    public var timeout: Duration
    /// Where the entry is written, for messages about it.
    public var location: SourceLocation

    public init(kind: Kind, name: String? = nil, url: URL, topic: String? = nil, token: String? = nil,
                tokenPlacement: TokenPlacement = .header, priority: Int? = nil,
                events: Set<NotificationEvent.Kind> = Set(NotificationEvent.Kind.allCases),
                headers: [String: String] = [:], timeout: Duration = .seconds(5),
                location: SourceLocation = .file("reconcile.yaml")) {
        self.kind = kind
        self.name = name ?? "\(kind.rawValue) \(url.host ?? url.absoluteString)"
        self.url = url
        self.topic = topic
        self.token = token
        self.tokenPlacement = tokenPlacement
        self.priority = priority
        self.events = events
        self.headers = headers
        self.timeout = timeout
        self.location = location
    }

    /// The default ntfy server when `url:` is left out.
    public static let ntfyDefaultURL = URL(string: "https://ntfy.sh")
}
