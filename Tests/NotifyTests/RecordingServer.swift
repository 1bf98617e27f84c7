import Foundation
import HTTP

/// Fixtures/server.py on 127.0.0.1: records every POST so tests can check the exact headers and body a channel sent.
final class RecordingServer: @unchecked Sendable {
    /// One request as the server saw it; header names are lower-cased.
    struct Recorded: Decodable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: String
    }

    private let process = Process()
    private let input = Pipe()
    let port: Int
    let tls: Bool

    /// Starts off the cooperative pool: waiting for Python's READY line blocks a thread.
    /// With `tls` it serves HTTPS with Fixtures/tls/server.pem, signed by Fixtures/tls/ca.pem, for 127.0.0.1.
    static func start(tls: Bool = false) async throws -> RecordingServer {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try RecordingServer(tls: tls) }) }.start()
        }
    }

    private init(tls: Bool) throws {
        guard let script = Bundle.module.url(forResource: "server", withExtension: "py", subdirectory: "Fixtures") else {
            throw FixtureError(message: "Fixtures/server.py is missing from the test bundle")
        }
        let output = Pipe()
        self.tls = tls
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + (tls ? ["tls", try fixturePath("tls/server.pem"), try fixturePath("tls/server-key.pem")] : [])
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let ready = Self.readLine(output.fileHandleForReading)
        guard ready.hasPrefix("READY "), let port = Int(ready.dropFirst(6)) else {
            throw FixtureError(message: "server did not start: \(ready)")
        }
        self.port = port
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.terminate()
    }

    var baseURL: String { "\(tls ? "https" : "http")://127.0.0.1:\(port)" }

    /// Everything posted so far, in arrival order.
    func requests() async throws -> [Recorded] {
        let tlsConfig = tls ? TLSConfig(ca: try fixturePath("tls/ca.pem")) : nil
        let transport = CurlTransport(endpoint: Endpoint(address: .tcp(host: "127.0.0.1", port: port), tls: tlsConfig),
                                      options: .init(maxIdleConnections: 0))
        let response = try await transport.send(HTTPRequest(method: "GET", path: "/__requests"))
        return try JSONDecoder().decode([Recorded].self, from: response.body)
    }

    private static func readLine(_ handle: FileHandle) -> String {
        var bytes: [UInt8] = []
        while let byte = try? handle.read(upToCount: 1), let first = byte.first, first != 0x0A {
            bytes.append(first)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The path of a file under Fixtures/ in the test bundle.
func fixturePath(_ relative: String) throws -> String {
    guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
        throw FixtureError(message: "the Fixtures folder is missing from the test bundle")
    }
    let path = root.appendingPathComponent(relative).path
    guard FileManager.default.fileExists(atPath: path) else { throw FixtureError(message: "Fixtures/\(relative) is missing") }
    return path
}

/// Loads a JSON fixture as a type the tests cannot build directly (reports have no public initialisers).
func fixture<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
        throw FixtureError(message: "Fixtures/\(name).json is missing")
    }
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(type, from: Data(contentsOf: url))
}

/// A 127.0.0.1 port with nothing listening: bound, read, closed.
func closedLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw FixtureError(message: "socket() failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
            bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
        }
    }
    guard bound else { throw FixtureError(message: "bind() failed") }
    return Int(UInt16(bigEndian: address.sin_port))
}
