import Crypto
import Foundation
import HTTP
import Testing
@testable import Server

/// A real `docker-registry` on its own loopback port sends its own notification envelope, with the static
/// `Authorization: Bearer` header from its config, to `/hooks/image`; only then does a pass with `refresh` run.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/docker-registry"),
                             "needs docker-registry (installed by scripts/lab)"))
struct RegistryNotificationTests {
    @Test func registryPushNotifiesTheDaemon() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("servertests-registry-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let registryPort = Int.random(in: 40000...44999)
        let image = "127.0.0.1:\(registryPort)/test/app:t1"
        let repo = root.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("stacks/app"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.repo.appendingPathComponent("hosts"), to: repo.appendingPathComponent("hosts"))
        try "x-reconcile:\n  hosts: [nas]\nservices:\n  app:\n    image: \(image)\n"
            .write(to: repo.appendingPathComponent("stacks/app/compose.yaml"), atomically: true, encoding: .utf8)

        let log = PassLog()
        let daemon = try await RunningDaemon.start(
            settings: DaemonSettings(interval: .seconds(3600), registryToken: Secret("lab-registry-token")),
            source: LocalSource(directory: repo, environment: [:]), runner: FakeRunner(log: log))
        #expect(await eventually { await log.count == 1 })
        let registry = try startRegistry(root: root, port: registryPort, notify: daemon.port)
        defer { registry.terminate(); registry.waitUntilExit() }
        let client = CurlTransport(endpoint: Endpoint(address: .tcp(host: "127.0.0.1", port: registryPort)))
        #expect(await eventually(20) { (try? await client.send(HTTP.HTTPRequest(method: "GET", path: "/v2/")))?.status == 200 })

        try await pushEmptyImage(client, repository: "test/app", tag: "t1")
        #expect(await eventually(20) { await log.count == 2 })
        let pass = try #require(await log.requests.last)
        #expect(pass.triggers == ["image:\(image)"])
        #expect(pass.refresh == [image])
        await daemon.stop()
    }

    func startRegistry(root: URL, port: Int, notify: Int) throws -> Process {
        let config = root.appendingPathComponent("registry.yml")
        try """
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: \(root.appendingPathComponent("data").path)
            http:
              addr: 127.0.0.1:\(port)
            notifications:
              endpoints:
                - name: servertests
                  url: http://127.0.0.1:\(notify)/hooks/image
                  headers:
                    Authorization: [Bearer lab-registry-token]
                  timeout: 2s
                  threshold: 5
                  backoff: 1s
            """.write(to: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/docker-registry")
        process.arguments = ["serve", config.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Pushes a config blob and a layer-less manifest through the registry API, as `docker push` would.
    func pushEmptyImage(_ client: CurlTransport, repository: String, tag: String) async throws {
        let configBody = Data(#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#.utf8)
        let digest = "sha256:" + SHA256.hash(data: configBody).map { String(format: "%02x", $0) }.joined()
        let start = try await client.send(HTTP.HTTPRequest(method: "POST", path: "/v2/\(repository)/blobs/uploads/"))
        #expect(start.status == 202)
        var location = try #require(start.headers["Location"])
        if let range = location.range(of: "://") {
            location = String(location[range.upperBound...].drop { $0 != "/" })
        }
        let separator = location.contains("?") ? "&" : "?"
        var headers = HTTP.HTTPHeaders()
        headers.add("Content-Type", "application/octet-stream")
        let put = try await client.send(HTTP.HTTPRequest(method: "PUT", path: location + separator + "digest=\(digest)",
                                                         headers: headers, body: configBody))
        #expect(put.status == 201)
        let manifest = """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",\
            "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":\(configBody.count),\
            "digest":"\(digest)"},"layers":[]}
            """
        var manifestHeaders = HTTP.HTTPHeaders()
        manifestHeaders.add("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
        let pushed = try await client.send(HTTP.HTTPRequest(method: "PUT", path: "/v2/\(repository)/manifests/\(tag)",
                                                            headers: manifestHeaders, body: Data(manifest.utf8)))
        #expect(pushed.status == 201)
    }
}
