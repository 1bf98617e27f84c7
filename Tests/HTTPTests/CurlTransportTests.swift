import Foundation
import HTTP
import Testing

@Suite("CurlTransport against a real HTTP server")
struct CurlTransportTests {
    @Test func getReturnsBodyAndRepeatedHeaders() async throws {
        let server = try await TestServer.start()
        let transport = CurlTransport(endpoint: server.endpoint)
        let response = try await transport.send(HTTPRequest(method: "GET", path: "/hello", headers: ["X-Echo": "ping"]))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "hello")
        #expect(response.headers.fields.filter { $0.name == "X-Multi" }.map(\.value) == ["one", "two"])
        #expect(response.headers["x-echoed"] == "ping")
    }

    @Test(arguments: ["POST", "PUT", "DELETE"])
    func bodyAndMethodReachTheServer(method: String) async throws {
        let server = try await TestServer.start()
        let transport = CurlTransport(endpoint: server.endpoint)
        let payload = Data(repeating: 0x61, count: 5000) // above libcurl's Expect: 100-continue threshold
        let response = try await transport.send(HTTPRequest(method: method, path: "/echo", body: payload))
        #expect(response.status == 200)
        #expect(response.headers["X-Body-Length"] == "5000")
        #expect(response.body.prefix(method.count + 1) == Data((method + " ").utf8))
    }

    @Test func unixSocketEndpoint() async throws {
        let path = temporarySocketPath()
        let server = try await TestServer.start(unixPath: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let transport = CurlTransport(endpoint: server.endpoint)
        let response = try await transport.send(HTTPRequest(method: "GET", path: "/hello"))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "hello")
    }

    @Test func errorStatusIsAResponseNotAnError() async throws {
        let server = try await TestServer.start()
        let transport = CurlTransport(endpoint: server.endpoint)
        let response = try await transport.send(HTTPRequest(method: "GET", path: "/status/409"))
        #expect(response.status == 409)
        #expect(String(decoding: response.body, as: UTF8.self).contains("status 409 on purpose"))
    }

    @Test(arguments: [false, true])
    func connectionsAreReused(overUnixSocket: Bool) async throws {
        let path = temporarySocketPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let server = try await TestServer.start(unixPath: overUnixSocket ? path : nil)
        let transport = CurlTransport(endpoint: server.endpoint)
        for _ in 0..<5 {
            let response = try await transport.send(HTTPRequest(method: "GET", path: "/hello"))
            #expect(response.status == 200)
        }
        #expect(transport.idleConnections == 1)
        // Five requests over one connection, plus the probe's own connection.
        #expect(try await server.acceptedConnections() == 2)
    }

    @Test func concurrentRequestsDoNotWaitForASlowOne() async throws {
        let server = try await TestServer.start()
        let transport = CurlTransport(endpoint: server.endpoint)
        let clock = ContinuousClock()
        let start = clock.now
        async let slow = transport.send(HTTPRequest(method: "GET", path: "/slow?secs=3"))
        try await Task.sleep(for: .milliseconds(100))
        let fast = try await transport.send(HTTPRequest(method: "GET", path: "/hello"))
        let fastElapsed = clock.now - start
        #expect(fast.status == 200)
        #expect(fastElapsed < .seconds(2))
        #expect(try await slow.status == 200)
        #expect(transport.idleConnections == 2)
    }
}
