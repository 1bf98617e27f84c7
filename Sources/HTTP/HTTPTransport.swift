import FoundationEssentials

/// Where an HTTP peer lives: a unix socket (the local Docker engine) or TCP,
/// optionally with mutual TLS (a remote engine on another VLAN, a registry).
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    public enum Address: Sendable, Hashable {
        case unixSocket(path: String)
        case tcp(host: String, port: Int)
    }

    public var address: Address
    /// TLS material; `nil` means plain HTTP. For `https://` registries without
    /// client certificates use `TLSConfig(ca: nil, cert: nil, key: nil)`.
    public var tls: TLSConfig?

    public init(address: Address, tls: TLSConfig? = nil) {
        self.address = address
        self.tls = tls
    }

    public var description: String {
        switch address {
        case .unixSocket(let path): return "unix://\(path)"
        case .tcp(let host, let port):
            let h = host.contains(":") ? "[\(host)]" : host
            return "\(tls == nil ? "http" : "https")://\(h):\(port)"
        }
    }
}

/// Paths to PEM files for HTTPS; `cert`+`key` make it mutual TLS.
public struct TLSConfig: Sendable, Hashable {
    public var ca: String?
    public var cert: String?
    public var key: String?
    public init(ca: String? = nil, cert: String? = nil, key: String? = nil) {
        self.ca = ca
        self.cert = cert
        self.key = key
    }
}

/// Ordered, case-insensitive header list (HTTP allows repeats).
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [(name: String, value: String)] = []

    public init() {}
    public init(dictionaryLiteral elements: (String, String)...) {
        for (n, v) in elements { add(n, v) }
    }

    public mutating func add(_ name: String, _ value: String) { fields.append((name, value)) }
    public mutating func set(_ name: String, _ value: String) {
        fields.removeAll { Self.sameName($0.name, name) }
        fields.append((name, value))
    }
    /// First value for `name`, case-insensitively.
    public subscript(_ name: String) -> String? {
        fields.first { Self.sameName($0.name, name) }?.value
    }
    /// Header names are ASCII tokens, so lower-casing both sides is the whole case-insensitive rule.
    private static func sameName(_ a: String, _ b: String) -> Bool { a.lowercased() == b.lowercased() }
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

    public static func == (a: HTTPHeaders, b: HTTPHeaders) -> Bool {
        a.fields.elementsEqual(b.fields) { $0.name == $1.name && $0.value == $1.value }
    }
    public func hash(into hasher: inout Hasher) {
        for f in fields { hasher.combine(f.name); hasher.combine(f.value) }
    }
}

public struct HTTPRequest: Sendable {
    public var method: String
    /// Path plus query, already percent-encoded: `/v1.41/containers/json?all=1`.
    public var path: String
    public var headers: HTTPHeaders
    public var body: Data?
    /// Overall time limit for this request; `nil` uses the transport's default.
    /// Streams (events, pulls) pass `nil` and rely on cancellation instead.
    public var timeout: Duration?
    /// Aborts a transfer that moves fewer than `bytes` per second for `window`: a stalled peer cannot hold a
    /// stream (a pull) forever, however long a healthy one may take.
    public var lowSpeed: (bytes: Int, window: Duration)?

    public init(method: String, path: String, headers: HTTPHeaders = [:], body: Data? = nil, timeout: Duration? = nil,
                lowSpeed: (bytes: Int, window: Duration)? = nil) {
        self.lowSpeed = lowSpeed
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data
    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// What a streaming consumer wants after each line.
public enum StreamDecision: Sendable { case `continue`, stop }

/// The seam between API clients and the wire. The real one is libcurl
/// (`CurlTransport`); unit tests use an in-memory double.
public protocol HTTPTransport: Sendable {
    /// Where requests go; used in error messages.
    var endpoint: Endpoint { get }

    /// Sends a request and buffers the whole response body.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse

    /// Sends a request and hands the body to `onLine` one line at a time as it
    /// arrives (newline stripped). Returns the status and headers once the
    /// body ends, `onLine` says `.stop`, or the task is cancelled. For a non-2xx
    /// status the body is buffered into the returned response instead.
    func stream(_ request: HTTPRequest,
                onLine: @escaping @Sendable (Data) -> StreamDecision) async throws -> HTTPResponse
}
