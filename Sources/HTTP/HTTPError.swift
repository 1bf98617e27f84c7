import FoundationEssentials

/// A request that never produced an HTTP response: the peer is unreachable,
/// too slow, or refused the TLS handshake. API-level failures (4xx/5xx) are
/// not `HTTPError`s; they come back as an `HTTPResponse` for the client to judge.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in the terms a person fixes it by.
    public enum Kind: Sendable, Equatable {
        /// Nothing accepted the connection (socket missing, port closed, host down).
        case couldNotConnect
        /// The connect or total time limit ran out; the limit is in milliseconds.
        case timedOut(milliseconds: Int64)
        /// Certificates or the TLS handshake failed.
        case tls
        /// The peer closed the connection or sent something that is not HTTP.
        case protocolFailure
        /// The request could not be set up (bad option, out of memory, bad URL).
        case setup
    }

    public var endpoint: Endpoint
    public var method: String
    public var path: String
    public var kind: Kind
    /// libcurl's own words, e.g. "Failed to connect to 127.0.0.1 port 1: Connection refused".
    public var detail: String
    /// The libcurl call that failed and its code, e.g. "curl_easy_perform: CURLE_COULDNT_CONNECT (7)".
    public var call: String

    public init(endpoint: Endpoint, method: String, path: String, kind: Kind, detail: String, call: String) {
        self.endpoint = endpoint
        self.method = method
        self.path = path
        self.kind = kind
        self.detail = detail
        self.call = call
    }

    public var description: String {
        "\(method) \(path) on \(endpoint): \(reason)"
    }

    /// Only what went wrong, for a caller that already said which request to which endpoint
    /// (`DockerError` does): each layer says its own part once.
    public var reason: String {
        // On a unix socket libcurl's words name a TCP port ("localhost port 80"): the summary says it right.
        if kind == .couldNotConnect, case .unixSocket = endpoint.address { return "\(summary) [\(call)]" }
        return "\(summary): \(detail) [\(call)]"
    }

    /// A short phrase plus the likely fix.
    private var summary: String {
        switch kind {
        case .couldNotConnect:
            switch endpoint.address {
            case .unixSocket(let path):
                return "couldn't connect (is the engine running and does \(path) exist?)"
            case .tcp:
                return "couldn't connect (is the host up and the port open?)"
            }
        case .timedOut(let ms):
            return "timed out after \(ms) ms"
        case .tls:
            return "TLS failed (check the CA, client certificate and key paths and that the server trusts the client CA)"
        case .protocolFailure:
            return "connection failed mid-request"
        case .setup:
            return "request could not be set up"
        }
    }
}

/// Misuse of libcurl outside a request (setting an option, reading info).
public struct CurlCallError: Error, Sendable, CustomStringConvertible {
    public var call: String
    public var code: Int
    public var message: String
    public var description: String { "\(call) failed: \(message) (CURLcode \(code))" }
}
