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
    /// Newest Engine API spoken; newer engines are addressed as this.
    public static let maximumAPIVersion = APIVersion(major: 1, minor: 43)

    /// Name from the host file, used in every error.
    public let host: String
    public let transport: any HTTPTransport
    let logger: Logger
    private let negotiated = Mutex<APIVersion?>(nil)

    /// `apiVersion` skips negotiation: a pass that must cost as few requests as possible addresses the
    /// engine as the minimum version (every engine reconcile supports speaks it; an older one answers
    /// every call with Docker's own "client version too new" error).
    public init(host: String, transport: any HTTPTransport, logger: Logger, apiVersion: APIVersion? = nil) {
        self.host = host
        self.transport = transport
        negotiated.withLock { $0 = apiVersion }
        var logger = logger
        logger[metadataKey: "docker.host"] = .string(host)
        self.logger = logger
    }

    public var endpoint: Endpoint { transport.endpoint }

    /// The version agreed by `ping()`, if it ran.
    public var apiVersion: APIVersion? { negotiated.withLock { $0 } }

    /// Checks the engine answers and agrees the API version: the engine's
    /// (from `/_ping`'s `API-Version` header), capped at `maximumAPIVersion`.
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
        negotiated.withLock { $0 = agreed }
        logger.debug("negotiated Docker API", metadata: ["docker.api": .string(agreed.description)])
        return agreed
    }

    /// `GET /version`.
    public func version() async throws -> VersionInfo {
        try await get("/version", as: VersionInfo.self)
    }

    // MARK: - Plumbing shared by the feature extensions

    /// `/v1.xx` + path, pinging first when no version was agreed yet.
    func versioned(_ path: String) async throws -> String {
        let version: APIVersion
        if let known = apiVersion { version = known } else { version = try await ping() }
        return "/v\(version)\(path)"
    }

    /// Sends a versioned request and insists on a 2xx (or one of `alsoOK`) answer.
    @discardableResult
    func call(_ method: String, _ path: String, query: DockerQuery = DockerQuery(), body: Data? = nil,
              contentType: String = "application/json", timeout: Duration? = nil,
              alsoOK: Set<Int> = []) async throws -> HTTPResponse {
        let full = try await versioned(path) + query.string
        var headers = HTTPHeaders()
        if body != nil { headers.set("Content-Type", contentType) }
        let response = try await exchange(HTTPRequest(method: method, path: full, headers: headers, body: body, timeout: timeout))
        guard (200..<300).contains(response.status) || alsoOK.contains(response.status) else {
            throw apiError(method, full, response)
        }
        return response
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

    /// One round trip; transport failures become `.unreachable`.
    func exchange(_ request: HTTPRequest) async throws -> HTTPResponse {
        logger.trace("docker request", metadata: ["http.method": .string(request.method), "http.path": .string(request.path)])
        do {
            return try await transport.send(request)
        } catch let failure as HTTPError {
            throw error(request.method, request.path, .unreachable(failure))
        }
    }

    /// A streamed round trip; transport failures become `.unreachable`.
    func streamExchange(_ request: HTTPRequest,
                        onLine: @escaping @Sendable (Data) -> StreamDecision) async throws -> HTTPResponse {
        do {
            return try await transport.stream(request, onLine: onLine)
        } catch let failure as HTTPError {
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
