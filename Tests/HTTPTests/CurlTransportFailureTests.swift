import Foundation
import HTTP
import Testing

@Suite("CurlTransport failures: timeouts, unreachable peers")
struct CurlTransportFailureTests {
    @Test func perRequestTimeoutOverridesTheDefault() async throws {
        let server = try await TestServer.start()
        let transport = CurlTransport(endpoint: server.endpoint, options: .init(timeout: .seconds(30)))
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: HTTPError.self) {
            _ = try await transport.send(HTTPRequest(method: "GET", path: "/slow?secs=3", timeout: .milliseconds(300)))
        }
        #expect(clock.now - start < .seconds(2))
        #expect(error?.kind == .timedOut(milliseconds: 300))
        #expect(error?.description.contains("timed out after 300 ms") == true)
    }

    @Test func transportTimeoutAppliesWhenTheRequestHasNone() async throws {
        let server = try await TestServer.start()
        let transport = CurlTransport(endpoint: server.endpoint, options: .init(timeout: .milliseconds(400)))
        let error = await #expect(throws: HTTPError.self) {
            _ = try await transport.send(HTTPRequest(method: "GET", path: "/slow?secs=3"))
        }
        #expect(error?.kind == .timedOut(milliseconds: 400))
    }

    @Test func connectTimeoutIsReportedAsSuch() async throws {
        let server = try await TestServer.start(blackhole: true)
        let transport = CurlTransport(endpoint: server.endpoint,
                                      options: .init(connectTimeout: .milliseconds(500), timeout: .seconds(30)))
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: HTTPError.self) {
            _ = try await transport.send(HTTPRequest(method: "GET", path: "/_ping"))
        }
        #expect(clock.now - start < .seconds(3))
        #expect(error?.kind == .timedOut(milliseconds: 500))
        // libcurl words it either way, depending on where the wait ended.
        let detail = error?.detail ?? ""
        #expect(detail.contains("Failed to connect") || detail.contains("Connection timed out"))
        #expect(error?.description.contains("timed out after 500 ms") == true)
    }

    @Test func closedPortFailsFastWithCouldNotConnect() async throws {
        let transport = CurlTransport(endpoint: Endpoint(address: .tcp(host: "127.0.0.1", port: 1)),
                                      options: .init(connectTimeout: .seconds(2)))
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: HTTPError.self) {
            _ = try await transport.send(HTTPRequest(method: "GET", path: "/_ping"))
        }
        #expect(clock.now - start < .seconds(2))
        #expect(error?.kind == .couldNotConnect)
        #expect(error?.description.contains("GET /_ping on http://127.0.0.1:1") == true)
    }

    @Test func missingUnixSocketFailsWithCouldNotConnect() async throws {
        let path = temporarySocketPath()
        let transport = CurlTransport(endpoint: Endpoint(address: .unixSocket(path: path)))
        let error = await #expect(throws: HTTPError.self) {
            _ = try await transport.send(HTTPRequest(method: "GET", path: "/_ping"))
        }
        #expect(error?.kind == .couldNotConnect)
        #expect(error?.description.contains(path) == true)
    }
}
