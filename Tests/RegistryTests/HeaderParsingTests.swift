import Foundation
import HTTP
@testable import Registry
import Testing

/// The small parsers the rate-limit and token logic depend on.
@Suite struct HeaderParsingTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func dockerHubQuotaWithWindow() {
        let limits = RateLimitHeaders(headers: ["RateLimit-Remaining": "76;w=21600"], now: now)
        #expect(limits == RateLimitHeaders(remaining: 76, windowSeconds: 21600))
    }

    @Test func plainQuotaAndAbsentHeaders() {
        #expect(RateLimitHeaders(headers: ["ratelimit-remaining": "0"], now: now) == RateLimitHeaders(remaining: 0))
        #expect(RateLimitHeaders(headers: [:], now: now) == RateLimitHeaders())
    }

    @Test func retryAfterInSeconds() {
        let limits = RateLimitHeaders(headers: ["Retry-After": "120"], now: now)
        #expect(limits.retryAfter == now.addingTimeInterval(120))
    }

    @Test func retryAfterAsHTTPDate() {
        // 1_800_000_000 is Fri, 15 Jan 2027 08:00:00 GMT.
        let limits = RateLimitHeaders(headers: ["Retry-After": "Fri, 15 Jan 2027 08:05:00 GMT"], now: now)
        #expect(limits.retryAfter == now.addingTimeInterval(300))
        #expect(RateLimitHeaders(headers: ["Retry-After": "soon"], now: now).retryAfter == nil)
    }

    @Test func bearerChallengeWithQuotedCommas() throws {
        let header = #"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull,push""#
        let challenge = try #require(BearerChallenge(header: header))
        #expect(challenge == BearerChallenge(realm: "https://auth.docker.io/token", service: "registry.docker.io",
                                             scope: "repository:library/nginx:pull,push"))
        #expect(BearerChallenge(header: #"Basic realm="x""#) == nil)
        #expect(BearerChallenge(header: #"Bearer service="x""#) == nil)
    }

    @Test func realmMustBeHTTPSUnlessLoopback() throws {
        let local = try RegistryAddress.realm("http://127.0.0.1:8080/token?x=1")
        #expect(local.endpoint.description == "http://127.0.0.1:8080")
        #expect(local.path == "/token?x=1")
        #expect(try RegistryAddress.realm("https://auth.docker.io/token").endpoint.description == "https://auth.docker.io:443")
        #expect(throws: RegistryError.self) { try RegistryAddress.realm("http://auth.example.com/token") }
    }

    @Test func credentialsFromConfigJSON() throws {
        let url = try #require(Bundle.module.url(forResource: "docker-config", withExtension: "json", subdirectory: "Fixtures"))
        let credentials = try DockerCredentials.load(from: url)
        #expect(credentials.login(for: "REGISTRY_HOST".lowercased()) == .init(username: "lab", password: "s3cret"))
        #expect(credentials.login(for: ImageName.dockerHub) == .init(username: "hub-user", password: "hub-pass"))
        #expect(credentials.login(for: "ghcr.io") == .init(username: "octo", password: "ghp-token"))
        #expect(credentials.login(for: "quay.io") == nil)
        #expect("\(credentials.login(for: "ghcr.io").map(String.init(describing:)) ?? "")" == "octo:<redacted>")
    }

    /// Docker decodes `X-Registry-Auth` as base64url of the auth JSON; a password with `/`/`+`-making bytes survives.
    @Test func registryAuthIsBase64URLOfTheAuthJSON() throws {
        let login = DockerCredentials.Login(username: "octo", password: "p>?~w\"d")
        let header = try login.registryAuth(serverAddress: "ghcr.io")
        #expect(!header.contains("+") && !header.contains("/"))
        let standard = header.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let json = try #require(Data(base64Encoded: standard))
        #expect(json.base64EncodedString() != header, "this password makes `+` or `/` in standard base64")
        let fields = try JSONDecoder().decode([String: String].self, from: json)
        #expect(fields == ["username": "octo", "password": "p>?~w\"d", "serveraddress": "ghcr.io"])
    }

    @Test func credentialHelpersAreNamedPerRegistryWithTheStoreAsFallback() throws {
        let json = #"{"auths": {"ghcr.io": {}}, "credHelpers": {"https://ghcr.io": "pass", "docker.io": "ecr"}, "credsStore": "secretservice"}"#
        let credentials = try DockerCredentials.parse(Data(json.utf8), path: "config.json")
        #expect(credentials.helper(for: "ghcr.io") == "pass")
        #expect(credentials.helper(for: ImageName.dockerHub) == "ecr")
        #expect(credentials.helper(for: "quay.io") == "secretservice")
        #expect(credentials.login(for: "ghcr.io") == nil, "an empty auths entry is only a marker")
    }

    @Test func configPathFollowsDockerConfig() {
        #expect(DockerCredentials.defaultPath(environment: ["DOCKER_CONFIG": "/etc/dc", "HOME": "/root"]).path == "/etc/dc/config.json")
        #expect(DockerCredentials.defaultPath(environment: ["HOME": "/home/u"]).path == "/home/u/.docker/config.json")
    }

    @Test func brokenConfigIsAnError() {
        #expect(throws: RegistryError.badCredentialsFile(path: "x", detail: "not valid JSON")) {
            try DockerCredentials.parse(Data("{".utf8), path: "x")
        }
        #expect((try? DockerCredentials.load(from: URL(fileURLWithPath: "/nonexistent/config.json"))) == DockerCredentials())
    }

    @Test func backoffDoublesAndIsCapped() {
        let waits = (1...5).map { WatchSchedule.backoff(failures: $0, initial: 60, interval: 600) }
        #expect(waits == [60, 120, 240, 480, 600])
    }

    @Test func jitterIsStablePerReferenceAndBounded() {
        let a = WatchSchedule.jitter(for: "docker.io/library/nginx:latest", interval: 21600, fraction: 0.1)
        #expect(a == WatchSchedule.jitter(for: "docker.io/library/nginx:latest", interval: 21600, fraction: 0.1))
        #expect(a >= 0 && a < 2160)
        let spread = Set(["a", "b", "c", "d"].map { WatchSchedule.jitter(for: $0, interval: 21600, fraction: 0.1) })
        #expect(spread.count == 4)
    }
}
