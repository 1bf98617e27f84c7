import HTTP

/// A failed Docker call, with everything needed to say where and why:
/// `nas (unix:///tmp/reconcile-lab/nas/docker.sock): POST /v1.41/containers/create → 409: Conflict…`.
public struct DockerError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The engine could not be reached at all (dead host, wrong socket, TLS refused).
        case unreachable(HTTPError)
        /// The engine answered with a non-2xx status and (usually) a JSON `message`.
        case api(status: Int, message: String)
        /// A 200 stream (pull, push) carried an `error` line.
        case stream(message: String)
        /// The engine's answer was not the JSON we expected.
        case decoding(String)
        /// The engine's API is older than this client supports.
        case unsupportedVersion(engine: String, minimum: String)
        /// The caller passed something that cannot be sent (bad name, bad filter).
        case invalidRequest(String)
    }

    public var host: String
    public var endpoint: Endpoint
    public var method: String
    public var path: String
    public var kind: Kind

    public init(host: String, endpoint: Endpoint, method: String, path: String, kind: Kind) {
        self.host = host
        self.endpoint = endpoint
        self.method = method
        self.path = path
        self.kind = kind
    }

    /// The HTTP status for API errors; `nil` when no response came.
    public var status: Int? {
        if case .api(let status, _) = kind { return status }
        return nil
    }

    /// True when the host itself is down or unreachable, as opposed to refusing a request.
    public var isUnreachable: Bool {
        if case .unreachable = kind { return true }
        return false
    }

    /// True for 404: no such container, image, network or volume.
    public var isNotFound: Bool { status == 404 }

    /// True for 409: name in use, container running, and similar conflicts.
    public var isConflict: Bool { status == 409 }

    /// True when the engine refused the API version the request was addressed as: Docker's 400
    /// "client version 1.41 is too old" (a raised floor) or "… is too new" (a downgraded engine).
    public var isVersionRefused: Bool {
        guard case .api(400, let message) = kind else { return false }
        return message.hasPrefix("client version ") && (message.contains(" is too old") || message.contains(" is too new"))
    }

    public var description: String {
        "\(host) (\(endpoint)): \(isUnreachable ? "unreachable: " : "")\(request)"
    }

    /// The request and what went wrong with it, without the host: for a report that names the host already.
    public var request: String {
        if case .api = kind { return "\(method) \(path) → \(cause)" }
        return "\(method) \(path): \(cause)"
    }

    /// Only what went wrong: for a report that says which host and which step (a pull of an image) already.
    public var cause: String {
        switch kind {
        case .unreachable(let error):
            return error.reason
        case .api(let status, let message):
            return "\(status): \(message)"
        case .stream(let message):
            return "failed mid-stream: \(message)"
        case .decoding(let detail):
            return "unexpected response: \(detail)"
        case .unsupportedVersion(let engine, let minimum):
            return "engine speaks API \(engine), reconcile needs at least \(minimum); upgrade Docker on \(host)"
        case .invalidRequest(let detail):
            return detail
        }
    }
}
