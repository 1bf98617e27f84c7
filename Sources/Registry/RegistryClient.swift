import FoundationEssentials
import HTTP
import Logging

/// Asks registries for the digest behind a tag with one `HEAD /v2/<repo>/manifests/<tag>`, doing the
/// Bearer token dance when challenged and caching tokens until they expire. It never pulls.
public actor RegistryClient {
    /// Makes the transport for an endpoint; injectable so tests can count or fake requests.
    public typealias TransportFactory = @Sendable (Endpoint) -> any HTTPTransport

    /// Manifest media types we accept, multi-arch indexes first, so the digest is the one `docker pull` records.
    public static let acceptedMediaTypes = [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ]

    private let credentials: DockerCredentials
    private let makeTransport: TransportFactory
    let clock: @Sendable () -> Date
    let logger: Logger
    let requestTimeout: Duration
    private var transports: [Endpoint: any HTTPTransport] = [:]
    private var tokens = TokenCache()
    /// Registries that answered with a Basic challenge; later requests send credentials up front.
    private var basicRegistries: Set<String> = []

    public init(credentials: DockerCredentials = DockerCredentials(), logger: Logger,
                clock: @escaping @Sendable () -> Date = { Date() }, requestTimeout: Duration = .seconds(30),
                transport: @escaping TransportFactory = { CurlTransport(endpoint: $0) }) {
        self.credentials = credentials
        self.makeTransport = transport
        self.clock = clock
        self.logger = logger
        self.requestTimeout = requestTimeout
    }

    /// The digest `image`'s tag points at now, or why it could not be learned.
    public func headManifest(_ image: ImageName) async -> ManifestResult {
        let key = image.registry + "/" + image.repository
        var requests = 0
        var last = HTTPResponse(status: 0)
        do {
            let sentAuthorization = authorization(for: image, key: key)
            last = try await head(image, authorization: sentAuthorization)
            requests += 1
            if last.status == 401, let header = last.headers["WWW-Authenticate"],
               let retry = try await answer(challenge: header, image: image, key: key, sent: sentAuthorization) {
                last = try await head(image, authorization: retry)
                requests += 1
            }
            let now = clock()
            let limits = RateLimitHeaders(headers: last.headers, now: now)
            return ManifestResult(image: image, outcome: Self.outcome(of: last, image: image, limits: limits, now: now),
                                  rateLimit: limits, registryRequests: requests)
        } catch let error as RegistryError {
            return ManifestResult(image: image, outcome: .failure(error),
                                  rateLimit: RateLimitHeaders(headers: last.headers, now: clock()), registryRequests: requests)
        } catch {
            return ManifestResult(image: image, outcome: .failure(.transport(image: image.canonical, detail: "\(error)")),
                                  registryRequests: requests)
        }
    }

    /// The digest behind `image`'s tag; throws what `headManifest` would report.
    public func digest(of image: ImageName) async throws(RegistryError) -> String {
        try await headManifest(image).outcome.get()
    }

    /// What to send up front: a cached token, or Basic credentials for registries known to want them.
    func authorization(for image: ImageName, key: String) -> String? {
        if let token = tokens.token(for: key, now: clock()) { return "Bearer \(token)" }
        if basicRegistries.contains(image.registry), let login = credentials.login(for: image.registry) {
            return login.basicHeader
        }
        return nil
    }

    /// The `Authorization` to retry with after a 401, or nil when retrying cannot help.
    func answer(challenge header: String, image: ImageName, key: String, sent: String?) async throws -> String? {
        if header.lowercased().hasPrefix("basic") {
            // A registry behind htpasswd: credentials go to the registry itself (HTTPS or loopback only).
            guard let login = credentials.login(for: image.registry), sent != login.basicHeader else { return nil }
            basicRegistries.insert(image.registry)
            return login.basicHeader
        }
        guard let challenge = BearerChallenge(header: header) else {
            throw RegistryError.badChallenge(detail: "unsupported WWW-Authenticate '\(header)'")
        }
        tokens.remove(key)
        return "Bearer " + (try await fetchToken(challenge, registry: image.registry, key: key))
    }

    private func head(_ image: ImageName, authorization: String?) async throws -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Accept", Self.acceptedMediaTypes.joined(separator: ", "))
        if let authorization { headers.add("Authorization", authorization) }
        let reference = image.digest ?? image.tag
        let request = HTTPRequest(method: "HEAD", path: "/v2/\(image.repository)/manifests/\(reference)",
                                  headers: headers, timeout: requestTimeout)
        logger.debug("registry HEAD", metadata: ["image.reference": "\(image.canonical)"])
        return try await transport(for: image.endpoint).send(request)
    }

    /// GETs a token from the challenge's realm, with Basic credentials when `docker login` left some.
    private func fetchToken(_ challenge: BearerChallenge, registry: String, key: String) async throws -> String {
        let (endpoint, realmPath) = try RegistryAddress.realm(challenge.realm)
        var query = URLComponents()
        query.queryItems = [challenge.service.map { URLQueryItem(name: "service", value: $0) },
                            challenge.scope.map { URLQueryItem(name: "scope", value: $0) }].compactMap { $0 }
        let separator = realmPath.contains("?") ? "&" : "?"
        let path = realmPath + (query.percentEncodedQuery.map { separator + $0 } ?? "")
        var headers = HTTPHeaders()
        if let login = credentials.login(for: registry) { headers.add("Authorization", login.basicHeader) }
        let response = try await transport(for: endpoint).send(HTTPRequest(method: "GET", path: path, headers: headers,
                                                                           timeout: requestTimeout))
        guard response.status == 200 else {
            throw RegistryError.tokenFailed(realm: challenge.realm, status: response.status,
                                            detail: String(decoding: response.body.prefix(200), as: UTF8.self))
        }
        let reply = try Self.decodeToken(response.body, realm: challenge.realm)
        tokens.store(reply.token, for: key, now: clock(), seconds: reply.expiresIn ?? 60)
        return reply.token
    }

    private static func decodeToken(_ body: Data, realm: String) throws(RegistryError) -> (token: String, expiresIn: Int?) {
        struct Reply: Decodable {
            var token: String?
            var access_token: String?
            var expires_in: Int?
        }
        guard let reply = try? JSONDecoder().decode(Reply.self, from: body),
              let token = reply.token ?? reply.access_token, !token.isEmpty else {
            throw .tokenFailed(realm: realm, status: 200, detail: "answer has no 'token' or 'access_token'")
        }
        return (token, reply.expires_in)
    }

    private static func outcome(of response: HTTPResponse, image: ImageName,
                                limits: RateLimitHeaders, now: Date) -> Result<String, RegistryError> {
        switch response.status {
        case 200..<300:
            guard let digest = response.headers["Docker-Content-Digest"], !digest.isEmpty else {
                return .failure(.missingDigest(image: image.canonical))
            }
            return .success(digest)
        default:
            return .failure(failure(of: response, image: image, limits: limits, now: now))
        }
    }

    /// The error a non-2xx answer about `image` stands for (manifests and tag lists alike).
    static func failure(of response: HTTPResponse, image: ImageName, limits: RateLimitHeaders, now: Date) -> RegistryError {
        switch response.status {
        case 401, 403:
            return .unauthorized(image: image.canonical, status: response.status)
        case 404:
            return .notFound(image: image.canonical)
        case 429:
            let seconds = limits.retryAfter.map { Int($0.timeIntervalSince(now).rounded(.up)) }
            return .rateLimited(registry: image.registry, retryAfterSeconds: seconds)
        default:
            return .unexpectedStatus(image: image.canonical, status: response.status,
                                     detail: String(decoding: response.body.prefix(200), as: UTF8.self))
        }
    }

    func transport(for endpoint: Endpoint) -> any HTTPTransport {
        if let existing = transports[endpoint] { return existing }
        let made = makeTransport(endpoint)
        transports[endpoint] = made
        return made
    }
}
