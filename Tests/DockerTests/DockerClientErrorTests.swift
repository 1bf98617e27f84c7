import Foundation
import HTTP
import Logging
@testable import Docker
import Testing

@Suite("DockerClient: version negotiation and error reporting")
struct DockerClientErrorTests {
    static func client(_ handler: @escaping @Sendable (HTTPRequest) throws -> MockTransport.Reply) -> (DockerClient, MockTransport) {
        let transport = MockTransport(endpoint: Endpoint(address: .unixSocket(path: "/tmp/reconcile-lab/nas/docker.sock")), handler: handler)
        return (DockerClient(host: "nas", transport: transport, logger: Logger(label: "test"), versions: NegotiatedVersions()), transport)
    }

    @Test(arguments: [("1.52", "1.45"), ("1.45", "1.45"), ("1.44", "1.44"), ("1.41", "1.41")])
    func pingAgreesOnTheLowerVersion(engine: String, agreed: String) async throws {
        let (docker, transport) = Self.client { request in
            request.path == "/_ping" ? .ping(engine) : .json(200, "[]")
        }
        #expect(try await docker.ping().description == agreed)
        _ = try await docker.listContainers()
        #expect(transport.requests.last?.path == "/v\(agreed)/containers/json")
    }

    @Test func olderEnginesAreRefusedWithAClearError() async throws {
        let (docker, _) = Self.client { _ in .ping("1.40") }
        let error = await #expect(throws: DockerError.self) { try await docker.ping() }
        #expect(error?.description == "nas (unix:///tmp/reconcile-lab/nas/docker.sock): GET /_ping: engine speaks API 1.40, reconcile needs at least 1.41; upgrade Docker on nas")
    }

    @Test func firstCallPingsWhenNoVersionWasAgreed() async throws {
        let (docker, transport) = Self.client { request in
            request.path == "/_ping" ? .ping("1.41") : .json(200, "[]")
        }
        _ = try await docker.listNetworks()
        #expect(transport.requests.map(\.path) == ["/_ping", "/v1.41/networks"])
    }

    @Test func apiErrorCarriesHostStatusAndDockersMessage() async throws {
        let (docker, _) = Self.client { request in
            if request.path == "/_ping" { return .ping("1.41") }
            return .json(409, #"{"message":"Conflict. The container name \"/x\" is already in use by container \"abc\"."}"#)
        }
        let error = await #expect(throws: DockerError.self) {
            try await docker.createContainer(name: "x", ContainerCreateRequest(config: ContainerConfig(image: "lab/app:1")))
        }
        #expect(error?.isConflict == true)
        #expect(error?.isUnreachable == false)
        #expect(error?.description == #"nas (unix:///tmp/reconcile-lab/nas/docker.sock): POST /v1.41/containers/create?name=x → 409: Conflict. The container name "/x" is already in use by container "abc"."#)
    }

    @Test(arguments: [
        (404, "page not found\n", "page not found"),
        (500, "", "HTTP status 500 with an empty body"),
        (400, #"{"message":"invalid reference format"}"#, "invalid reference format"),
    ])
    func errorBodiesThatAreNotDockerJSON(status: Int, body: String, message: String) async throws {
        let (docker, _) = Self.client { request in
            request.path == "/_ping" ? .ping("1.41") : .json(status, body)
        }
        let error = await #expect(throws: DockerError.self) { try await docker.inspectContainer("web") }
        guard case .api(let gotStatus, let gotMessage)? = error?.kind else {
            Issue.record("expected an API error, got \(String(describing: error))")
            return
        }
        #expect(gotStatus == status)
        #expect(gotMessage == message)
    }

    @Test func malformedJSONIsADecodingError() async throws {
        let (docker, _) = Self.client { request in
            request.path == "/_ping" ? .ping("1.41") : .json(200, #"{"Id": 42"#)
        }
        let error = await #expect(throws: DockerError.self) { try await docker.inspectContainer("web") }
        guard case .decoding(let detail)? = error?.kind else {
            Issue.record("expected a decoding error, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("ContainerInspect"))
    }

    @Test func transportFailureMeansHostUnreachable() async throws {
        let (docker, _) = Self.client { request in
            throw HTTPError(endpoint: Endpoint(address: .unixSocket(path: "/tmp/reconcile-lab/nas/docker.sock")),
                            method: request.method, path: request.path, kind: .couldNotConnect,
                            detail: "Could not connect to server", call: "curl_easy_perform: CURLcode 7")
        }
        let error = await #expect(throws: DockerError.self) { try await docker.ping() }
        #expect(error?.isUnreachable == true)
        // Each layer says its part once (issue 26): the host and endpoint, the request, the cause.
        #expect(error?.description == "nas (unix:///tmp/reconcile-lab/nas/docker.sock): unreachable: GET /_ping: couldn't "
                + "connect (is the engine running and does /tmp/reconcile-lab/nas/docker.sock exist?) [curl_easy_perform: CURLcode 7]")
        #expect(error?.request.hasPrefix("GET /_ping: couldn't connect") == true, "the request part names no host")
    }
}
