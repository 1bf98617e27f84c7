import Foundation
import HTTP
import Synchronization

/// In-memory `HTTPTransport`: answers each request from a handler and records
/// what was sent. For error paths a real engine can't easily produce.
final class MockTransport: HTTPTransport {
    /// A canned answer: status, headers, body, and for streams the lines.
    struct Reply: Sendable {
        var status = 200
        var headers: HTTPHeaders = [:]
        var body = Data()
        var lines: [String] = []

        static func json(_ status: Int, _ text: String) -> Reply {
            Reply(status: status, headers: ["Content-Type": "application/json"], body: Data(text.utf8))
        }
        static func ping(_ version: String) -> Reply { Reply(status: 200, headers: ["Api-Version": version], body: Data("OK".utf8)) }
    }

    let endpoint: Endpoint
    private let handler: @Sendable (HTTPRequest) throws -> Reply
    private let log = Mutex<[HTTPRequest]>([])

    init(endpoint: Endpoint = Endpoint(address: .unixSocket(path: "/tmp/mock.sock")),
         handler: @escaping @Sendable (HTTPRequest) throws -> Reply) {
        self.endpoint = endpoint
        self.handler = handler
    }

    /// Everything sent so far, in order.
    var requests: [HTTPRequest] { log.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        log.withLock { $0.append(request) }
        let reply = try handler(request)
        var body = reply.body
        for line in reply.lines { body.append(Data((line + "\n").utf8)) }
        return HTTPResponse(status: reply.status, headers: reply.headers, body: body)
    }

    func stream(_ request: HTTPRequest, onLine: @escaping @Sendable (Data) -> StreamDecision) async throws -> HTTPResponse {
        log.withLock { $0.append(request) }
        let reply = try handler(request)
        guard (200..<300).contains(reply.status) else {
            return HTTPResponse(status: reply.status, headers: reply.headers, body: reply.body)
        }
        for line in reply.lines where onLine(Data(line.utf8)) == .stop { break }
        return HTTPResponse(status: reply.status, headers: reply.headers)
    }
}

/// Reads a file from Tests/DockerTests/Fixtures.
func fixture(_ name: String) throws -> Data {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
        throw FixtureMissing(name: name)
    }
    return try Data(contentsOf: url)
}

struct FixtureMissing: Error { var name: String }
