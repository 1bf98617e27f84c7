import Foundation
import HTTP
import Logging
import Testing
@testable import Registry

/// `RegistryClient.labels(of:)` through a multi-platform index, on an in-memory registry (the lab registry test,
/// IntegrationTests/ReleaseNotesTests, covers a single-platform image pushed by Docker).
@Suite struct ImageLabelsTests {
    /// Answers GETs from a path → body table, 404 otherwise, and keeps the paths asked for.
    final class TableTransport: HTTPTransport, @unchecked Sendable {
        let endpoint = Endpoint(address: .tcp(host: "registry.test", port: 443))
        let table: [String: String]
        private let lock = NSLock()
        private var asked: [String] = []

        init(_ table: [String: String]) { self.table = table }

        var paths: [String] { lock.withLock { asked } }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            lock.withLock { asked.append(request.path) }
            guard let body = table[request.path] else { return HTTPResponse(status: 404) }
            return HTTPResponse(status: 200, body: Data(body.utf8))
        }

        func stream(_ request: HTTPRequest, onLine: @escaping @Sendable (Data) -> StreamDecision) async throws -> HTTPResponse {
            try await send(request)
        }
    }

    @Test func anIndexIsFollowedToTheLinuxAmd64ImageAndItsConfigBlob() async throws {
        let transport = TableTransport([
            "/v2/org/app/manifests/1.5.0": """
                {"manifests": [
                  {"digest": "sha256:att", "platform": {"os": "unknown", "architecture": "unknown"}},
                  {"digest": "sha256:arm", "platform": {"os": "linux", "architecture": "arm64"}},
                  {"digest": "sha256:amd", "platform": {"os": "linux", "architecture": "amd64"}}]}
                """,
            "/v2/org/app/manifests/sha256:amd": #"{"config": {"digest": "sha256:cfg"}}"#,
            "/v2/org/app/blobs/sha256:cfg": """
                {"config": {"Labels": {"org.opencontainers.image.source": "https://github.com/org/app"}}}
                """,
        ])
        let client = RegistryClient(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
                                    transport: { _ in transport })
        let labels = try await client.labels(of: ImageName(registry: "registry.test", repository: "org/app", tag: "1.5.0"))
        #expect(labels == ["org.opencontainers.image.source": "https://github.com/org/app"])
        #expect(transport.paths == ["/v2/org/app/manifests/1.5.0", "/v2/org/app/manifests/sha256:amd",
                                    "/v2/org/app/blobs/sha256:cfg"])
    }

    @Test func aMissingConfigBlobIsAnErrorNotEmptyLabels() async throws {
        let transport = TableTransport(["/v2/org/app/manifests/1.5.0": #"{"config": {"digest": "sha256:gone"}}"#])
        let client = RegistryClient(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
                                    transport: { _ in transport })
        await #expect(throws: RegistryError.notFound(image: "registry.test/org/app:1.5.0")) {
            try await client.labels(of: ImageName(registry: "registry.test", repository: "org/app", tag: "1.5.0"))
        }
    }
}
