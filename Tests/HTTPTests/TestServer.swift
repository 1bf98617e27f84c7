import Foundation
import HTTP

/// The Python fixture server (Fixtures/server.py) on 127.0.0.1 or a unix
/// socket; it lives until this object is released (its stdin closes).
final class TestServer: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    let endpoint: Endpoint

    /// Starts the server off the cooperative pool: waiting for Python to
    /// print READY blocks, and the pool has only two threads here.
    static func start(unixPath: String? = nil, blackhole: Bool = false) async throws -> TestServer {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try TestServer(unixPath: unixPath, blackhole: blackhole) }) }.start()
        }
    }

    /// Starts on an ephemeral TCP port, or on a unix socket when `unixPath` is set;
    /// a `blackhole` port never completes a connect.
    private init(unixPath: String?, blackhole: Bool) throws {
        guard let script = Bundle.module.url(forResource: "server", withExtension: "py", subdirectory: "Fixtures") else {
            throw TestServerError(message: "Fixtures/server.py is missing from the test bundle")
        }
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + (unixPath.map { ["unix", $0] } ?? [blackhole ? "blackhole" : "tcp"])
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let ready = TestServer.readLine(output.fileHandleForReading)
        guard ready.hasPrefix("READY ") else {
            throw TestServerError(message: "server did not start: \(ready)")
        }
        let where_ = String(ready.dropFirst(6))
        if let unixPath {
            endpoint = Endpoint(address: .unixSocket(path: unixPath))
        } else if let port = Int(where_) {
            endpoint = Endpoint(address: .tcp(host: "127.0.0.1", port: port))
        } else {
            throw TestServerError(message: "bad READY line: \(ready)")
        }
    }

    deinit {
        try? input.fileHandleForWriting.close()
        // No waitUntilExit: blocking here would hold a cooperative thread.
        process.terminate()
    }

    /// How many connections the server has accepted, itself included.
    func acceptedConnections() async throws -> Int {
        let probe = CurlTransport(endpoint: endpoint, options: .init(maxIdleConnections: 0))
        let response = try await probe.send(HTTPRequest(method: "GET", path: "/connections"))
        return Int(String(decoding: response.body, as: UTF8.self)) ?? -1
    }

    private static func readLine(_ handle: FileHandle) -> String {
        var bytes: [UInt8] = []
        while let byte = try? handle.read(upToCount: 1), let first = byte.first, first != 0x0A {
            bytes.append(first)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

struct TestServerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A fresh short path for a unix socket (sun_path is limited to 108 bytes).
func temporarySocketPath() -> String {
    "/tmp/rt-\(UUID().uuidString.prefix(8)).sock"
}
