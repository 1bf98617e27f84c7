import Foundation
import HTTP
import Testing

@Suite("CurlTransport failures: timeouts, unreachable peers")
struct CurlTransportFailureTests {
    @Test func perRequestTimeoutOverridesTheDefault() async throws {
        let server = try await TestServer.start()
        let transport = CurlTransport(endpoint: server.endpoint, options: .init(timeout: .seconds(30)))
        let error = await #expect(throws: HTTPError.self) {
            _ = try await transport.send(HTTPRequest(method: "GET", path: "/slow?secs=3", timeout: .milliseconds(300)))
        }
        // The limit that ended the request is in the error: the request's 300 ms, not the transport's 30 s.
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
        let error = await #expect(throws: HTTPError.self) {
            _ = try await transport.send(HTTPRequest(method: "GET", path: "/_ping"))
        }
        // The connect limit (500 ms), not the total one (30 s), is the one that ended it.
        #expect(error?.kind == .timedOut(milliseconds: 500))
        // libcurl words it either way, depending on where the wait ended.
        let detail = error?.detail ?? ""
        #expect(detail.contains("Failed to connect") || detail.contains("Connection timed out"))
        #expect(error?.description.contains("timed out after 500 ms") == true)
    }

    @Test func closedPortFailsFastWithCouldNotConnect() async throws {
        let transport = CurlTransport(endpoint: Endpoint(address: .tcp(host: "127.0.0.1", port: 1)),
                                      options: .init(connectTimeout: .seconds(20)))
        let error = await #expect(throws: HTTPError.self) {
            _ = try await transport.send(HTTPRequest(method: "GET", path: "/_ping"))
        }
        // Refused, not waited out: a connect timeout would be `.timedOut`, so the kind alone tells the two apart.
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
