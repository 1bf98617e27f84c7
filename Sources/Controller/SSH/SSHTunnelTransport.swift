import FoundationEssentials
import HTTP
import Spec

/// The unix-socket transport of an `ssh://` host: makes sure the tunnel is up before a request, and starts it
/// again when its local socket is dead (the master was killed or the connection dropped).
final class SSHTunnelTransport: HTTPTransport {
    let base: any HTTPTransport
    let tunnel: SSHTunnel
    let tunnels: SSHTunnels

    init(base: any HTTPTransport, tunnel: SSHTunnel, tunnels: SSHTunnels) {
        self.base = base
        self.tunnel = tunnel
        self.tunnels = tunnels
    }

    var endpoint: Endpoint { base.endpoint }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await through { try await self.base.send(request) }
    }

    func stream(_ request: HTTPRequest, onLine: @escaping @Sendable (Data) -> StreamDecision) async throws -> HTTPResponse {
        try await through { try await self.base.stream(request, onLine: onLine) }
    }

    /// A refused local socket means nothing was sent, so the request is safe to send again on a new master.
    /// A connection the master accepted and then closed means sshd could not open the remote socket.
    private func through(_ body: @Sendable () async throws -> HTTPResponse) async throws -> HTTPResponse {
        try await tunnels.ensure(tunnel)
        do {
            return try await body()
        } catch let error as HTTPError where error.kind == .couldNotConnect {
            try await tunnels.restart(tunnel)
            do { return try await body() } catch let error as HTTPError { throw explained(error) }
        } catch let error as HTTPError {
            throw explained(error)
        }
    }

    private func explained(_ error: HTTPError) -> any Error {
        guard error.kind == .protocolFailure, let line = tunnel.lastLoggedLine(), line.contains("open failed") else { return error }
        return SSHTunnelError(host: tunnel.host, address: tunnel.address, kind: .remoteSocket, detail: tunnel.settings.socket)
    }
}
