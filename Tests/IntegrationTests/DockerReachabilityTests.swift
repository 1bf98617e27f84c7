import Docker
import Foundation
import HTTP
import Testing

@Suite("Docker client: mutual TLS to edge, unreachable hosts", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct DockerReachabilityTests {
    @Test func edgeAnswersTheRightClientCertificate() async throws {
        let docker = try Lab.load().client("edge")
        #expect(try await docker.ping() == APIVersion(major: 1, minor: 41))
        #expect(try await docker.version().apiVersion == "1.41")
        #expect(try await docker.inspectImage("lab/app:1").id.hasPrefix("sha256:"))
    }

    @Test func edgeRefusesACertificateFromAnotherCA() async throws {
        let lab = try Lab.load()
        let wrong = TLSConfig(ca: try lab.value("EDGE_CA"), cert: try lab.value("WRONG_CERT"), key: try lab.value("WRONG_KEY"))
        try await expectTLSRefusal(try lab.client("edge", tls: wrong))
    }

    @Test func edgeRefusesAClientWithoutCertificate() async throws {
        let lab = try Lab.load()
        try await expectTLSRefusal(try lab.client("edge", tls: TLSConfig(ca: try lab.value("EDGE_CA"))))
    }

    private func expectTLSRefusal(_ docker: DockerClient) async throws {
        let error = await #expect(throws: DockerError.self) { try await docker.ping() }
        #expect(error?.isUnreachable == true)
        guard case .unreachable(let http)? = error?.kind else { return }
        #expect(http.kind == .tls)
        #expect(error?.description.contains("edge (https://127.0.0.1:") == true)
    }

    @Test func closedPortFailsFastWithinTheConnectTimeout() async throws {
        let docker = DockerClient(host: "gone", transport: CurlTransport(
            endpoint: try DockerEndpoint.parse("tcp://127.0.0.1:1", tls: nil, insecure: true),
            options: .init(connectTimeout: .seconds(20))), logger: .init(label: "test"))
        // Refused at once, not after the 20 s connect timeout; the margin absorbs a loaded machine.
        try await expectRefusedNotTimedOut(docker, within: .seconds(10))
    }

    @Test func missingSocketFailsFast() async throws {
        let path = try Lab.load().value("LAB_DIR") + "/no-such-host/docker.sock"
        let docker = DockerClient(host: "ghost", transport: CurlTransport(
            endpoint: try DockerEndpoint.parse("unix://" + path, tls: nil, insecure: false),
            options: .init(connectTimeout: .seconds(20))), logger: .init(label: "test"))
        // Refused at once, not after the 20 s connect timeout; the margin absorbs a loaded machine.
        try await expectRefusedNotTimedOut(docker, within: .seconds(10))
    }

    /// A refused connection is reported as refused (curl's "couldn't connect", not a timeout) and fast.
    private func expectRefusedNotTimedOut(_ docker: DockerClient, within limit: Duration) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: DockerError.self) { try await docker.ping() }
        #expect(clock.now - start < limit)
        #expect(error?.isUnreachable == true)
        if case .unreachable(let http)? = error?.kind { #expect(http.kind == .couldNotConnect) }
        #expect(error?.description.contains("unreachable: GET /_ping: couldn't connect") == true, "\(String(describing: error))")
        #expect(error?.description.contains("couldn't connect") == true)
    }
}
