import Foundation
import HTTP

/// A small server speaking ntfy's documented subscribe protocol (https://docs.ntfy.sh/subscribe/api/): `POST
/// /<topic>` publishes; `GET /<topic>/json?since=<id|unix time>` streams one JSON object per line, an `open`
/// event first, then the cached messages after `since`, then new ones and keepalives. It checks
/// `Authorization: Bearer <token>`, records every `since=` asked for, and can go down (503) and come back, as a
/// restarting server does, while keeping its message cache.
final class FakeNtfy: @unchecked Sendable {
    private let process = Process()
    let port: Int
    let directory: URL

    /// The server itself, shared with scripts/bench-triggers.
    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/bench.d/fake-ntfy.py")
    }


    static func start(token: String) async throws -> FakeNtfy {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try FakeNtfy(token: token) }) }.start()
        }
    }

    private init(token: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ntfy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path, token, directory.path]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw MosquittoError(message: "the fake ntfy server did not start: \(line)")
        }
        self.port = port
    }

    /// Publishes like `curl -d MESSAGE https://ntfy/<topic>`; returns ntfy's message id.
    @discardableResult
    func publish(topic: String, _ message: String) async throws -> String {
        try await post("/\(topic)", message)
    }

    /// Every open stream ends and new ones get 503, until `comeBack`.
    func goDown() async throws { _ = try await post("/_down", "") }
    func comeBack() async throws { _ = try await post("/_up", "") }

    /// The `since=` of every stream opened so far, in order.
    var sinceRequested: [String] {
        ((try? String(contentsOf: directory.appendingPathComponent("since.log"), encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
    }

    private func post(_ path: String, _ body: String) async throws -> String {
        let transport = CurlTransport(endpoint: Endpoint(address: .tcp(host: "127.0.0.1", port: port)))
        let response = try await transport.send(HTTPRequest(method: "POST", path: path, body: Data(body.utf8),
                                                            timeout: .seconds(10)))
        return (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["id"] as? String ?? ""
    }

    func stop() {
        // No waitUntilExit: it blocks a thread of the test's cooperative pool.
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: directory)
    }
}
