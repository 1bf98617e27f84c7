import Basics
import FoundationEssentials
import HTTP
import Logging
import Synchronization

/// Talks to one Docker engine over an `HTTPTransport`. Every error is a
/// `DockerError` naming the host, endpoint, method and path (or a
/// `CancellationError` when the calling task was cancelled).
public final class DockerClient: Sendable {
    /// Oldest Engine API spoken: Debian's docker.io 20.10.
    public static let minimumAPIVersion = APIVersion(major: 1, minor: 41)
    /// Newest Engine API spoken (Docker 26.1, tested); newer engines are addressed as this.
    public static let maximumAPIVersion = APIVersion(major: 1, minor: 45)

    /// Name from the host file, used in every error.
    public let host: String
    public let transport: any HTTPTransport
    let logger: Logger
    /// A version fixed by the caller; negotiation is skipped.
    private let pinned: APIVersion?
    private let versions: NegotiatedVersions

    /// Without `apiVersion` the first request pings the engine and agrees a version, which `versions`
    /// keeps for every later client of the same endpoint. `apiVersion` fixes it instead (tests, tools).
    public init(host: String, transport: any HTTPTransport, logger: Logger, apiVersion: APIVersion? = nil,
                versions: NegotiatedVersions = .shared) {
        self.host = host
        self.transport = transport
        self.pinned = apiVersion
        self.versions = versions
        var logger = logger
        logger[metadataKey: "docker.host"] = .string(host)
        self.logger = logger
    }

    public var endpoint: Endpoint { transport.endpoint }

    /// The version requests are addressed as: fixed, or agreed by a `ping()` of this process.
    public var apiVersion: APIVersion? { pinned ?? versions.version(for: endpoint) }

    /// The engine's release (`20.10.24`, `26.1.5`) from the `Server` header of the ping that agreed the
    /// version: known without a request of its own. Nil before a ping or when the header names none.
    public var engineVersion: String? { versions.engineVersion(for: endpoint) }

    /// Checks the engine answers and agrees the API version: the engine's
    /// (from `/_ping`'s `API-Version` header), capped at `maximumAPIVersion`. The `Server` header's
    /// engine release is kept with it.
    @discardableResult
    public func ping() async throws -> APIVersion {
        let path = "/_ping"
        let response = try await exchange(HTTPRequest(method: "GET", path: path, timeout: .seconds(10)))
        guard let header = response.headers["API-Version"] else {
            throw error("GET", path, .decoding("no API-Version header in the /_ping answer; is this a Docker engine?"))
        }
        guard let engine = APIVersion(header) else {
            throw error("GET", path, .decoding("unreadable API-Version header \"\(header)\""))
        }
        guard engine >= Self.minimumAPIVersion else {
            throw error("GET", path, .unsupportedVersion(engine: engine.description, minimum: Self.minimumAPIVersion.description))
        }
        let agreed = min(engine, Self.maximumAPIVersion)
        let release = response.headers["Server"].flatMap(Self.engineRelease(inServerHeader:))
        versions.record(agreed, engine: release, for: endpoint)
        logger.debug("negotiated Docker API", metadata: ["docker.api": .string(agreed.description),
                                                         "docker.engine_api": .string(engine.description),
                                                         "docker.engine": .string(release ?? "unknown")])
        return agreed
    }

    /// `20.10.24` from `Docker/20.10.24 (linux)`: the product token named Docker, without its comment.
    /// Nil for a `Server` header that names no Docker (a proxy in between, another engine).
    public static func engineRelease(inServerHeader header: String) -> String? {
        for token in header.split(separator: " ") {
            let parts = token.split(separator: "/", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "docker", !parts[1].isEmpty else { continue }
            return String(parts[1])
        }
        return nil
    }

    /// `GET /version`.
    public func version() async throws -> VersionInfo {
        try await get("/version", as: VersionInfo.self)
    }

    // MARK: - Plumbing shared by the feature extensions

    /// The version requests are addressed as, pinging first when none was agreed yet: what request
    /// bodies that differ between versions are chosen by.
    public func agreedVersion() async throws -> APIVersion {
        if let known = apiVersion { return known }
        return try await ping()
    }

    /// `/v1.xx` + path, pinging first when no version was agreed yet.
    func versioned(_ path: String) async throws -> String {
        "/v\(try await agreedVersion())\(path)"
    }

    /// Sends a versioned request and insists on a 2xx (or one of `alsoOK`) answer. An engine that
    /// refuses the agreed version (upgraded or reconfigured since) is negotiated with again, once.
    @discardableResult
    func call(_ method: String, _ path: String, query: DockerQuery = DockerQuery(), body: Data? = nil,
              contentType: String = "application/json", timeout: Duration? = nil,
              alsoOK: Set<Int> = []) async throws -> HTTPResponse {
        var headers = HTTPHeaders()
        if body != nil { headers.set("Content-Type", contentType) }
        var renegotiated = false
        while true {
            let full = try await versioned(path) + query.string
            let response = try await exchange(HTTPRequest(method: method, path: full, headers: headers, body: body, timeout: timeout))
            if (200..<300).contains(response.status) || alsoOK.contains(response.status) { return response }
            let failure = apiError(method, full, response)
            guard !renegotiated, pinned == nil, failure.isVersionRefused else { throw failure }
            logger.info("engine refused the agreed API version; negotiating again",
                        metadata: ["docker.message": .string(Self.message(in: response.body, status: response.status))])
            versions.forget(endpoint)
            renegotiated = true
        }
    }

    func get<T: Decodable>(_ path: String, query: DockerQuery = DockerQuery(), as type: T.Type) async throws -> T {
        let response = try await call("GET", path, query: query)
        return try decode(type, response.body, "GET", path)
    }

    func encode<T: Encodable>(_ value: T, _ method: String, _ path: String) throws -> Data {
        do { return try DockerJSON.encoder.encode(value) } catch {
            throw self.error(method, path, .invalidRequest("could not encode the request body: \(error)"))
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ data: Data, _ method: String, _ path: String) throws -> T {
        do { return try DockerJSON.decoder.decode(type, from: data) } catch {
            let sample = String(decoding: data.prefix(200), as: UTF8.self)
            throw self.error(method, path, .decoding("\(T.self): \(error) in \(sample)"))
        }
    }

    /// One round trip; transport failures become `.unreachable` (and the agreed version is forgotten:
    /// the engine that answers after a reconnect may be another version).
    func exchange(_ request: HTTPRequest) async throws -> HTTPResponse {
        logger.trace("docker request", metadata: ["http.method": .string(request.method), "http.path": .string(request.path)])
        do {
            return try await transport.send(request)
        } catch let failure as HTTPError {
            versions.forget(endpoint)
            throw error(request.method, request.path, .unreachable(failure))
        }
    }

    /// A streamed round trip; transport failures become `.unreachable`, as in `exchange`.
    func streamExchange(_ request: HTTPRequest,
                        onLine: @escaping @Sendable (Data) -> StreamDecision) async throws -> HTTPResponse {
        do {
            return try await transport.stream(request, onLine: onLine)
        } catch let failure as HTTPError {
            versions.forget(endpoint)
            throw error(request.method, request.path, .unreachable(failure))
        }
    }

    func error(_ method: String, _ path: String, _ kind: DockerError.Kind) -> DockerError {
        DockerError(host: host, endpoint: endpoint, method: method, path: path, kind: kind)
    }

    /// Docker's JSON `{"message": …}`, else the body text, else the status alone.
    func apiError(_ method: String, _ path: String, _ response: HTTPResponse) -> DockerError {
        error(method, path, .api(status: response.status, message: Self.message(in: response.body, status: response.status)))
    }

    static func message(in body: Data, status: Int) -> String {
        struct Body: Decodable { var message: String? }
        if let parsed = try? JSONDecoder().decode(Body.self, from: body), let message = parsed.message {
            return message
        }
        let text = String(decoding: body, as: UTF8.self).trimmingWhitespaceAndNewlines()
        return text.isEmpty ? "HTTP status \(status) with an empty body" : text
    }
}
