import Basics
import Docker
import FoundationEssentials
import HTTP
import Logging
import Spec
import Synchronization

/// Makes the transport for a host; tests wrap it to count requests.
public typealias TransportFactory = @Sendable (HostSpec, Endpoint, CurlTransport.Options) -> any HTTPTransport

/// A host's Docker client, built from its host file, plus a count of the requests it sent.
struct HostConnection: Sendable {
    let host: HostSpec
    let endpoint: Endpoint
    let client: DockerClient

    /// Parses the endpoint (refusing plaintext TCP unless `insecure`) and builds the client. The client
    /// agrees the API version with `/_ping` on its first request; the process keeps it for later passes.
    static func open(_ host: HostSpec, settings: ControllerSettings, logger: Logger,
                     makeTransport: TransportFactory) throws(HostConfigurationError) -> HostConnection {
        let options = CurlTransport.Options(connectTimeout: settings.connectTimeout, timeout: settings.requestTimeout)
        if let tunnel = try sshTunnel(host, settings: settings) {
            // The engine is reached through the master's local socket: the unix transport works unchanged.
            let endpoint = Endpoint(address: .unixSocket(path: tunnel.localSocket))
            let transport = SSHTunnelTransport(base: makeTransport(host, endpoint, options), tunnel: tunnel,
                                               tunnels: settings.tunnels)
            return HostConnection(host: host, endpoint: endpoint,
                                  client: DockerClient(host: host.name, transport: transport, logger: logger))
        }
        let tls = host.tls.map { TLSConfig(ca: $0.ca, cert: $0.cert, key: $0.key) }
        let endpoint: Endpoint
        do {
            endpoint = try DockerEndpoint.parse(host.endpoint, tls: tls, insecure: host.insecure)
        } catch {
            throw HostConfigurationError(host: host.name, file: host.source.file, message: error.description)
        }
        let transport = makeTransport(host, endpoint, options)
        return HostConnection(host: host, endpoint: endpoint,
                              client: DockerClient(host: host.name, transport: transport, logger: logger))
    }

    /// The tunnel of an `ssh://` host; nil for other endpoints.
    static func sshTunnel(_ host: HostSpec, settings: ControllerSettings) throws(HostConfigurationError) -> SSHTunnel? {
        guard host.endpoint.hasPrefix("ssh://") else { return nil }
        guard case .success(let address) = SSHAddress.parse(host.endpoint), let ssh = host.ssh else {
            throw HostConfigurationError(host: host.name, file: host.source.file,
                                         message: "`\(host.endpoint)` needs a user, a host and `known_hosts:`")
        }
        return SSHTunnel(host: host, address: address, settings: ssh, stateDirectory: settings.stateDirectory.path,
                         connectTimeout: settings.connectTimeout)
    }

    static let defaultTransport: TransportFactory = { _, endpoint, options in
        CurlTransport(endpoint: endpoint, options: options)
    }
}

/// A host file whose endpoint cannot be used as written.
struct HostConfigurationError: Error, CustomStringConvertible {
    var host: String
    var file: String
    var message: String
    var description: String { "\(file): host \(host): \(message)" }
}

/// Wraps a transport and counts what goes through it, by method.
public final class CountingTransport: HTTPTransport {
    public let base: any HTTPTransport
    private let counts = Mutex<[String]>([])

    public init(_ base: any HTTPTransport) { self.base = base }

    public var endpoint: Endpoint { base.endpoint }

    /// Every request sent so far, as `METHOD path`.
    public var requests: [String] { counts.withLock { $0 } }

    public func reset() { counts.withLock { $0 = [] } }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        counts.withLock { $0.append("\(request.method) \(request.path)") }
        RequestTrace.shared?.record(endpoint: "\(base.endpoint)", method: request.method, path: request.path)
        return try await base.send(request)
    }

    public func stream(_ request: HTTPRequest,
                       onLine: @escaping @Sendable (Data) -> StreamDecision) async throws -> HTTPResponse {
        counts.withLock { $0.append("\(request.method) \(request.path)") }
        RequestTrace.shared?.record(endpoint: "\(base.endpoint)", method: request.method, path: request.path)
        return try await base.stream(request, onLine: onLine)
    }
}
