import Foundation
import HTTP
import Logging
@testable import Docker
import Testing

/// Issue 21: the status page names each engine's release, read from the `Server` header of the ping that
/// agrees the API version (no `/version` request of its own).
@Suite("DockerClient: the engine release from /_ping's Server header")
struct EngineReleaseTests {
    @Test(arguments: [
        ("Docker/20.10.24+dfsg1 (linux)", "20.10.24+dfsg1"),
        ("Docker/26.1.5 (linux)", "26.1.5"),
        ("docker/27.0.0", "27.0.0"),
        ("nginx/1.25 Docker/24.0.7 (linux)", "24.0.7"),
    ])
    func releaseIsTheDockerProductToken(header: String, release: String) {
        #expect(DockerClient.engineRelease(inServerHeader: header) == release)
    }

    @Test(arguments: ["nginx/1.25", "Docker/", "Docker", "Libpod/4.9 (linux)", ""])
    func headersThatNameNoDockerReleaseGiveNone(header: String) {
        #expect(DockerClient.engineRelease(inServerHeader: header) == nil)
    }

    @Test func thePingKeepsTheReleaseForLaterClientsOfTheEngine() async throws {
        let versions = NegotiatedVersions()
        let endpoint = Endpoint(address: .unixSocket(path: "/tmp/release-\(UUID().uuidString).sock"))
        let transport = MockTransport(endpoint: endpoint) { request in
            guard request.path == "/_ping" else { return .json(200, "[]") }
            return MockTransport.Reply(status: 200, headers: ["Api-Version": "1.41", "Server": "Docker/20.10.24 (linux)"],
                                       body: Data("OK".utf8))
        }
        let client = DockerClient(host: "nas", transport: transport, logger: Logger(label: "test"), versions: versions)
        #expect(client.engineVersion == nil)
        _ = try await client.listContainers()
        let later = DockerClient(host: "nas", transport: transport, logger: Logger(label: "test"), versions: versions)
        #expect(later.engineVersion == "20.10.24")
        #expect(transport.requests.map(\.path) == ["/_ping", "/v1.41/containers/json"])
    }

    @Test func aPingWithoutServerHeaderLeavesTheReleaseUnknown() async throws {
        let versions = NegotiatedVersions()
        let transport = MockTransport(endpoint: Endpoint(address: .unixSocket(path: "/tmp/release-\(UUID().uuidString).sock"))) {
            $0.path == "/_ping" ? .ping("1.45") : .json(200, "[]")
        }
        let client = DockerClient(host: "modern", transport: transport, logger: Logger(label: "test"), versions: versions)
        try await client.ping()
        #expect(client.apiVersion == APIVersion(major: 1, minor: 45))
        #expect(client.engineVersion == nil)
    }
}
