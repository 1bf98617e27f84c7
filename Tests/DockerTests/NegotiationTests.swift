import Foundation
import HTTP
import Logging
@testable import Docker
import Synchronization
import Testing

/// Issue 25: one `/_ping` per process per engine, and a new negotiation when the engine changes under us.
@Suite("DockerClient: API version kept per process, negotiated again when refused")
struct NegotiationTests {
    /// An engine whose API version and floor can change between requests, answering like Docker does.
    final class Engine: Sendable {
        struct State { var api = "1.45"; var floor = "1.44"; var down = false }
        let state = Mutex(State())
        let endpoint = Endpoint(address: .unixSocket(path: "/tmp/negotiation-\(UUID().uuidString).sock"))

        func reply(_ request: HTTPRequest) throws -> MockTransport.Reply {
            let now = state.withLock { $0 }
            if now.down {
                throw HTTPError(endpoint: endpoint, method: request.method, path: request.path, kind: .couldNotConnect,
                                detail: "Could not connect to server", call: "curl_easy_perform: CURLcode 7")
            }
            if request.path == "/_ping" { return .ping(now.api) }
            let asked = APIVersion(String(request.path.dropFirst(2).prefix { $0 != "/" }))
            guard let asked, let floor = APIVersion(now.floor), let api = APIVersion(now.api) else { return .json(400, "{}") }
            if asked < floor {
                return .json(400, #"{"message":"client version \#(asked) is too old. Minimum supported API version is \#(floor), please upgrade your client to a newer version"}"#)
            }
            if asked > api {
                return .json(400, #"{"message":"client version \#(asked) is too new. Maximum supported API version is \#(api)"}"#)
            }
            return .json(200, "[]")
        }

        func client(_ versions: NegotiatedVersions) -> (DockerClient, MockTransport) {
            let transport = MockTransport(endpoint: endpoint) { try self.reply($0) }
            return (DockerClient(host: "modern", transport: transport, logger: Logger(label: "test"), versions: versions), transport)
        }
    }

    @Test func laterClientsOfTheSameEngineDoNotPingAgain() async throws {
        let engine = Engine(), versions = NegotiatedVersions()
        let (first, firstTransport) = engine.client(versions)
        _ = try await first.listContainers()
        let (second, secondTransport) = engine.client(versions)
        _ = try await second.listContainers()
        #expect(firstTransport.requests.map(\.path) == ["/_ping", "/v1.45/containers/json"])
        #expect(secondTransport.requests.map(\.path) == ["/v1.45/containers/json"])
    }

    @Test func anEngineThatRaisedItsFloorIsNegotiatedWithAgainOnce() async throws {
        let engine = Engine(), versions = NegotiatedVersions()
        engine.state.withLock { $0 = .init(api: "1.41", floor: "1.12") }
        let (before, _) = engine.client(versions)
        _ = try await before.listContainers()
        // Upgraded in place: Docker 26 with a floor of 1.44 now answers on the same socket.
        engine.state.withLock { $0 = .init(api: "1.45", floor: "1.44") }
        let (after, transport) = engine.client(versions)
        _ = try await after.listContainers()
        #expect(transport.requests.map(\.path) == ["/v1.41/containers/json", "/_ping", "/v1.45/containers/json"])
        #expect(after.apiVersion == APIVersion(major: 1, minor: 45))
    }

    @Test func aDowngradedEngineIsNegotiatedWithAgain() async throws {
        let engine = Engine(), versions = NegotiatedVersions()
        let (client, transport) = engine.client(versions)
        _ = try await client.listContainers()
        engine.state.withLock { $0 = .init(api: "1.41", floor: "1.12") }
        _ = try await client.listContainers()
        #expect(transport.requests.map(\.path)
            == ["/_ping", "/v1.45/containers/json", "/v1.45/containers/json", "/_ping", "/v1.41/containers/json"])
    }

    @Test func anEngineThatRefusesEveryVersionWeSpeakFailsWithDockersMessage() async throws {
        let engine = Engine(), versions = NegotiatedVersions()
        engine.state.withLock { $0 = .init(api: "1.52", floor: "1.50") }
        let (client, transport) = engine.client(versions)
        let error = await #expect(throws: DockerError.self) { try await client.listContainers() }
        #expect(error?.isVersionRefused == true)
        #expect(error?.description.contains("client version 1.45 is too old. Minimum supported API version is 1.50") == true)
        // One ping, one try, one renegotiation and one retry; never a loop.
        #expect(transport.requests.map(\.path)
            == ["/_ping", "/v1.45/containers/json", "/_ping", "/v1.45/containers/json"])
    }

    @Test func aReconnectNegotiatesAgain() async throws {
        let engine = Engine(), versions = NegotiatedVersions()
        let (client, transport) = engine.client(versions)
        _ = try await client.listContainers()
        engine.state.withLock { $0.down = true }
        let error = await #expect(throws: DockerError.self) { try await client.listContainers() }
        #expect(error?.isUnreachable == true)
        #expect(versions.version(for: engine.endpoint) == nil)
        engine.state.withLock { $0 = .init(api: "1.44", floor: "1.44") }
        _ = try await client.listContainers()
        #expect(transport.requests.map(\.path).suffix(2) == ["/_ping", "/v1.44/containers/json"])
    }

    @Test func aPinnedVersionIsNeverNegotiated() async throws {
        let engine = Engine()
        engine.state.withLock { $0 = .init(api: "1.41", floor: "1.12") }
        let transport = MockTransport(endpoint: engine.endpoint) { try engine.reply($0) }
        let client = DockerClient(host: "nas", transport: transport, logger: Logger(label: "test"),
                                  apiVersion: APIVersion(major: 1, minor: 41), versions: NegotiatedVersions())
        _ = try await client.listContainers()
        #expect(transport.requests.map(\.path) == ["/v1.41/containers/json"])
    }

    @Test(arguments: [("1.41", true), ("1.43", true), ("1.44", false), ("1.45", false)])
    func checkDuplicateIsSentOnlyWhereItIsNotDeprecated(engine: String, sent: Bool) async throws {
        let transport = MockTransport { request in
            request.path == "/_ping" ? .ping(engine) : .json(201, #"{"Id":"n1","Warning":""}"#)
        }
        let client = DockerClient(host: "nas", transport: transport, logger: Logger(label: "test"), versions: NegotiatedVersions())
        #expect(try await client.createNetwork(NetworkCreateRequest(name: "web_default")) == "n1")
        let body = String(decoding: transport.requests.last?.body ?? Data(), as: UTF8.self)
        #expect(body.contains(#""CheckDuplicate":true"#) == sent, "\(body)")
    }

    @Test(arguments: [
        ("client version 1.41 is too old. Minimum supported API version is 1.44, please upgrade your client", true),
        ("client version 1.45 is too new. Maximum supported API version is 1.41", true),
        ("invalid reference format", false),
    ])
    func versionRefusalsAreRecognisedByDockersMessage(message: String, refused: Bool) {
        let error = DockerError(host: "h", endpoint: Endpoint(address: .unixSocket(path: "/x")), method: "GET", path: "/v1.41/x",
                                kind: .api(status: 400, message: message))
        #expect(error.isVersionRefused == refused)
    }
}
