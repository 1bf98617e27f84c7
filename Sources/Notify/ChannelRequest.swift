import Basics
import FoundationEssentials
import HTTP

/// The HTTP request one channel sends for one event: where (endpoint) and what (method, path, headers, body).
public struct ChannelRequest: Sendable {
    public var endpoint: Endpoint
    public var request: HTTPRequest

    /// Builds the request in the shape the channel's service expects.
    public init(channel: NotificationChannel, event: NotificationEvent) throws(NotifyError) {
        let message = NotificationMessage(event)
        let target = try Self.target(channel)
        endpoint = target.endpoint
        var headers = HTTPHeaders()
        var path = target.path
        let body: Data
        switch channel.kind {
        case .ntfy:
            path = Self.join(path, channel.topic ?? "")
            headers.add("Title", Self.headerSafe(message.title))
            headers.add("Priority", String(channel.priority ?? Self.ntfyPriority(event.event)))
            headers.add("Tags", Self.ntfyTags(event).joined(separator: ","))
            headers.add("Content-Type", "text/plain; charset=utf-8")
            if let token = channel.token { headers.add("Authorization", "Bearer \(token)") }
            if let actions = event.actions, !actions.isEmpty { headers.add("Actions", Self.ntfyActions(actions)) }
            if let link = event.link { headers.add("Click", Self.headerSafe(link)) }
            body = Data(message.body.utf8)
        case .gotify:
            path = Self.join(path, "message")
            if let token = channel.token {
                switch channel.tokenPlacement {
                case .header: headers.add("X-Gotify-Key", token)
                case .query: path += "?token=" + Self.queryEscaped(token)
                }
            }
            headers.add("Content-Type", "application/json")
            body = try Self.json(GotifyMessage(title: message.title, message: message.body,
                                               priority: channel.priority ?? Self.gotifyPriority(event.event)))
        case .webhook:
            if let query = target.query { path += "?" + query }
            headers.add("Content-Type", "application/json")
            if let token = channel.token { headers.add("Authorization", "Bearer \(token)") }
            for (name, value) in channel.headers.sorted(by: { $0.key < $1.key }) { headers.add(name, value) }
            body = try Self.json(WebhookBody(event: event, title: message.title, message: message.body))
        }
        request = HTTPRequest(method: "POST", path: path, headers: headers, body: body, timeout: channel.timeout)
    }

    /// Gotify's `POST /message` body.
    struct GotifyMessage: Encodable {
        var title: String
        var message: String
        var priority: Int
    }

    /// The webhook body: the event's fields plus the rendered title and message, so simple receivers need no logic.
    struct WebhookBody: Encodable {
        var event: NotificationEvent
        var title: String
        var message: String

        func encode(to encoder: any Encoder) throws {
            try event.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(title, forKey: .title)
            try container.encode(message, forKey: .message)
        }

        enum Keys: String, CodingKey { case title, message }
    }

    static func json(_ value: some Encodable) throws(NotifyError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        do { return try encoder.encode(value) } catch {
            throw NotifyError(channel: "", reason: "could not encode the notification as JSON: \(error)")
        }
    }

    /// ntfy's 1 (min) … 5 (max): failures should buzz, routine updates should not.
    static func ntfyPriority(_ kind: NotificationEvent.Kind) -> Int {
        kind == .applied ? 3 : 4
    }

    /// ntfy's short `Actions` header form: `http, <label>, <url>, method=POST, clear=true`, `;`-separated. The
    /// links are our own (base URL plus a hex signature), so they hold no `,` or `;` to quote.
    static func ntfyActions(_ actions: [NotificationEvent.Action]) -> String {
        actions.map { "http, \(headerSafe($0.label)), \($0.url), method=POST, clear=true" }.joined(separator: "; ")
    }

    /// Gotify's 0 … 10, where 8 and up is high on the Android app.
    static func gotifyPriority(_ kind: NotificationEvent.Kind) -> Int {
        kind == .applied ? 5 : 8
    }

    /// An emoji short code first (ntfy shows it before the title), then host and stack for filtering.
    static func ntfyTags(_ event: NotificationEvent) -> [String] {
        let emoji: String
        switch event.event {
        case .applied: emoji = "white_check_mark"
        case .failed: emoji = "x"
        case .rolledBack: emoji = "rewind"
        case .invalid: emoji = "warning"
        case .update: emoji = "arrow_up"
        }
        return [emoji] + [event.host, event.stack].compactMap { $0 }.map(headerSafe)
    }

    /// Header values may not carry line breaks; non-ASCII is left to the server (ntfy accepts UTF-8).
    static func headerSafe(_ text: String) -> String {
        String(text.map { $0 == "\r" || $0 == "\n" || $0 == "," ? " " : $0 })
    }

    static func queryEscaped(_ text: String) -> String {
        // Foundation's `.urlQueryAllowed` without `&=+?#`.
        text.percentEncoded(keepingAlphanumericsAnd: "!$'()*,-./:;@_~")
    }

    static func join(_ base: String, _ component: String) -> String {
        (base.hasSuffix("/") ? base : base + "/") + component
    }

    /// Splits the channel URL into the transport's endpoint and the request path.
    static func target(_ channel: NotificationChannel) throws(NotifyError) -> (endpoint: Endpoint, path: String, query: String?) {
        guard let parts = URLComponents(url: channel.url, resolvingAgainstBaseURL: false),
              let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = parts.host, !host.isEmpty else {
            throw NotifyError(channel: channel.name, reason: "url must be http:// or https:// with a host")
        }
        let port = parts.port ?? (scheme == "https" ? 443 : 80)
        let endpoint = Endpoint(address: .tcp(host: host, port: port), tls: scheme == "https" ? TLSConfig(ca: channel.ca) : nil)
        let path = parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath
        return (endpoint, path, parts.percentEncodedQuery)
    }
}
