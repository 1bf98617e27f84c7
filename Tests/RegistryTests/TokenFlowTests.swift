import Foundation
@testable import Registry
import Testing

/// The Bearer token dance: challenge → token (anonymous or Basic) → retry, with the token reused until it expires.
@Suite struct TokenFlowTests {
    @Test func challengeTokenRetryAndReuseUntilExpiry() async throws {
        let harness = try await WatcherHarness(.init(auth: "bearer", expires_in: 300))
        let image = try ImageName(parsing: harness.reference("lab/app:stable"))

        let first = await harness.client.headManifest(image)
        #expect(first.digest?.hasPrefix("sha256:") == true)
        #expect(first.registryRequests == 2)
        let log = try harness.registry.requests()
        #expect(log.map(\.method) == ["HEAD", "GET", "HEAD"])
        #expect(log[0].authorization.isEmpty)
        #expect(log[1].path == "/token?service=fake-registry&scope=repository:lab/app:pull")
        #expect(log[1].authorization.isEmpty, "anonymous: no credentials were configured")
        #expect(log[2].authorization == "Bearer tok-1")

        // Within expires_in the cached token goes straight along: one request, no token fetch.
        harness.clock.advance(by: 299)
        let second = await harness.client.headManifest(image)
        #expect(second.registryRequests == 1)
        #expect(try harness.registry.tokenRequests().count == 1)
        #expect(try harness.registry.requests().last?.authorization == "Bearer tok-1")

        // Past expiry a new token is fetched.
        harness.clock.advance(by: 2)
        let third = await harness.client.headManifest(image)
        #expect(third.digest == first.digest)
        #expect(try harness.registry.tokenRequests().count == 2)
        #expect(try harness.registry.requests().last?.authorization == "Bearer tok-2")
    }

    @Test func tokenWithoutExpiryLastsSixtySeconds() async throws {
        let harness = try await WatcherHarness(.init(auth: "bearer"))
        let image = try ImageName(parsing: harness.reference("lab/app:1"))
        _ = await harness.client.headManifest(image)
        harness.clock.advance(by: 59)
        _ = await harness.client.headManifest(image)
        #expect(try harness.registry.tokenRequests().count == 1)
        harness.clock.advance(by: 2)
        _ = await harness.client.headManifest(image)
        #expect(try harness.registry.tokenRequests().count == 2)
    }

    @Test func refusedCachedTokenIsReplacedOnce() async throws {
        let harness = try await WatcherHarness(.init(auth: "bearer", expires_in: 300))
        let image = try ImageName(parsing: harness.reference("lab/app:1"))
        _ = await harness.client.headManifest(image)
        try harness.registry.set(.init(auth: "bearer", expires_in: 300, revoke_upto: 1))
        let result = await harness.client.headManifest(image)
        #expect(result.error == nil)
        #expect(result.registryRequests == 2)
        let tail = try harness.registry.requests().suffix(3)
        #expect(tail.map(\.authorization) == ["Bearer tok-1", "", "Bearer tok-2"])
    }

    @Test func credentialsFromDockerConfigGoToTheRealmAsBasic() async throws {
        let registry = try await FakeRegistry.start(.init(auth: "bearer", basic: "lab:s3cret"))
        let credentials = try Self.credentials(for: registry.host, folder: registry.folder)
        let client = RegistryClient(credentials: credentials, logger: WatcherHarness.logger)
        let result = await client.headManifest(try ImageName(parsing: registry.host + "/lab/private:1"))
        #expect(result.error == nil)
        let token = try #require(try registry.tokenRequests().first)
        #expect(token.authorization == "Basic " + Data("lab:s3cret".utf8).base64EncodedString())
        #expect(try registry.manifestRequests().allSatisfy { !$0.authorization.hasPrefix("Basic") },
                "the password goes only to the token service")
    }

    @Test func wrongCredentialsAreATokenFailureNotARetryLoop() async throws {
        let registry = try await FakeRegistry.start(.init(auth: "bearer", basic: "lab:other"))
        let credentials = try Self.credentials(for: registry.host, folder: registry.folder)
        let client = RegistryClient(credentials: credentials, logger: WatcherHarness.logger)
        let result = await client.headManifest(try ImageName(parsing: registry.host + "/lab/private:1"))
        guard case .tokenFailed(_, let status, _)? = result.error else {
            Issue.record("expected a token failure, got \(String(describing: result.error))")
            return
        }
        #expect(status == 401)
        #expect(try registry.requests().count == 2, "one HEAD, one token request, no retries")
        #expect(result.error?.description.contains("config.json") == true)
    }

    @Test func basicChallengeGetsCredentialsThenSendsThemUpFront() async throws {
        let registry = try await FakeRegistry.start(.init(auth: "basic", basic: "lab:s3cret"))
        let credentials = try Self.credentials(for: registry.host, folder: registry.folder)
        let client = RegistryClient(credentials: credentials, logger: WatcherHarness.logger)
        let image = try ImageName(parsing: registry.host + "/lab/private:1")
        #expect(await client.headManifest(image).registryRequests == 2)
        #expect(await client.headManifest(image).registryRequests == 1)
        let basic = "Basic " + Data("lab:s3cret".utf8).base64EncodedString()
        #expect(try registry.requests().map(\.authorization) == ["", basic, basic])
    }

    @Test func basicChallengeWithoutCredentialsIsUnauthorized() async throws {
        let registry = try await FakeRegistry.start(.init(auth: "basic", basic: "lab:s3cret"))
        let client = RegistryClient(logger: WatcherHarness.logger)
        let result = await client.headManifest(try ImageName(parsing: registry.host + "/lab/private:1"))
        #expect(result.error == .unauthorized(image: registry.host + "/lab/private:1", status: 401))
        #expect(result.registryRequests == 1)
    }

    /// Writes the config.json fixture with the fake registry's address into `folder` and loads it the
    /// way reconcile does: through `DOCKER_CONFIG`.
    static func credentials(for host: String, folder: URL) throws -> DockerCredentials {
        let fixture = try #require(Bundle.module.url(forResource: "docker-config", withExtension: "json", subdirectory: "Fixtures"))
        let text = try String(contentsOf: fixture, encoding: .utf8).replacingOccurrences(of: "REGISTRY_HOST", with: host)
        let directory = folder.appendingPathComponent("docker")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: directory.appendingPathComponent("config.json"))
        return try DockerCredentials.load(from: DockerCredentials.defaultPath(environment: ["DOCKER_CONFIG": directory.path]))
    }
}
