import Foundation
import HTTP
import Synchronization
import Testing

/// Lines a stream consumer saw, shared with the curl thread.
final class LineLog: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ data: Data) { lines.withLock { $0.append(String(decoding: data, as: UTF8.self)) } }
    var all: [String] { lines.withLock { $0 } }
}

@Suite("CurlTransport streaming and cancellation")
struct CurlStreamTests {
    @Test func linesArriveSplitAndReassembled() async throws {
        let server = try await TestServer.start()
        let transport = CurlTransport(endpoint: server.endpoint)
        let log = LineLog()
        let response = try await transport.stream(HTTPRequest(method: "GET", path: "/stream?n=5&delay=0.02")) {
            log.append($0)
            return .continue
        }
        #expect(response.status == 200)
        #expect(log.all == (0..<5).map { "line \($0)" }) // "\r\n" and "\n" both end a line
    }

    @Test func stopEndsTheTransferCleanly() async throws {
        let server = try await TestServer.start()
        let transport = CurlTransport(endpoint: server.endpoint)
        let log = LineLog()
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await transport.stream(HTTPRequest(method: "GET", path: "/stream?n=20&delay=0.2")) {
            log.append($0)
            return log.all.count == 2 ? .stop : .continue
        }
        #expect(response.status == 200)
        #expect(log.all == ["line 0", "line 1"])
        #expect(clock.now - start < .seconds(2))
    }

    @Test func errorStatusBodyIsBufferedNotStreamed() async throws {
        let server = try await TestServer.start()
        let transport = CurlTransport(endpoint: server.endpoint)
        let log = LineLog()
        let response = try await transport.stream(HTTPRequest(method: "GET", path: "/status/500")) {
            log.append($0)
            return .continue
        }
        #expect(response.status == 500)
        #expect(log.all.isEmpty)
        #expect(String(decoding: response.body, as: UTF8.self).contains("status 500 on purpose"))
    }

    @Test func cancellingTheTaskAbortsASilentStream() async throws {
        let server = try await TestServer.start()
        let transport = CurlTransport(endpoint: server.endpoint)
        let log = LineLog()
        let task = Task {
            try await transport.stream(HTTPRequest(method: "GET", path: "/stream?n=2&hold=1")) {
                log.append($0)
                return .continue
            }
        }
        while log.all.count < 2 { try await Task.sleep(for: .milliseconds(20)) }
        let clock = ContinuousClock()
        let start = clock.now
        task.cancel()
        let result = await task.result
        // The stream is silent and would never end by itself; the bound only absorbs a loaded machine.
        #expect(clock.now - start < .seconds(10))
        #expect(throws: CancellationError.self) { try result.get() }
        // The handle still goes back to the pool, ready for the next request.
        let next = try await transport.send(HTTPRequest(method: "GET", path: "/hello"))
        #expect(next.status == 200)
    }
}

/// Issue 17, point 3: a stream whose peer goes silent is aborted by the low-speed limit, not held forever.
@Suite("CurlTransport low-speed limit")
struct CurlLowSpeedTests {
    @Test func silentStreamWithALowSpeedLimitEndsWithAnError() async throws {
        let server = try await TestServer.start()
        let transport = CurlTransport(endpoint: server.endpoint)
        let log = LineLog()
        let request = HTTPRequest(method: "GET", path: "/stream?n=1&hold=1", lowSpeed: (bytes: 1, window: .seconds(1)))
        do {
            _ = try await transport.stream(request) { log.append($0); return .continue }
            Issue.record("a silent stream must not end as a success")
        } catch let error as HTTPError {
            guard case .timedOut(let milliseconds) = error.kind else {
                Issue.record("expected a time-out, got \(error)")
                return
            }
            #expect(milliseconds == 1000)
            #expect(error.detail.lowercased().contains("too slow"), "\(error)")
        }
        #expect(log.all == ["line 0"])
        // The pooled handle forgets the limit: the next stream without one is not cut short.
        let plain = try await transport.stream(HTTPRequest(method: "GET", path: "/stream?n=2&delay=1.5")) { _ in .continue }
        #expect(plain.status == 200)
    }
}
