import Foundation

/// Fixtures/registry.py on an ephemeral 127.0.0.1 port, with its request log and control file in a
/// temporary folder; it stops when this object is released (its stdin closes).
final class FakeRegistry: @unchecked Sendable {
    /// One logged request.
    struct LoggedRequest: Decodable, Equatable {
        var method: String
        var path: String
        var authorization: String
    }

    /// What the next answers look like (see registry.py).
    struct Control: Encodable {
        var status: Int?
        var headers: [String: String]?
        var generation: Int?
        var auth: String?
        var expires_in: Int?
        var basic: String?
        var revoke_upto: Int?
        var tags: [String: [String]]?
        var page_size: Int?
    }

    let host: String
    let folder: URL
    private let process = Process()
    private let input = Pipe()
    private var logURL: URL { folder.appendingPathComponent("requests.jsonl") }
    private var controlURL: URL { folder.appendingPathComponent("control.json") }

    /// Starts the server off the cooperative pool, since waiting for READY blocks.
    static func start(_ control: Control = Control()) async throws -> FakeRegistry {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try FakeRegistry(control) }) }.start()
        }
    }

    private init(_ control: Control) throws {
        guard let script = Bundle.module.url(forResource: "registry", withExtension: "py", subdirectory: "Fixtures") else {
            throw FakeRegistryError(message: "Fixtures/registry.py is missing from the test bundle")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("fake-registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, folder.appendingPathComponent("requests.jsonl").path,
                             folder.appendingPathComponent("control.json").path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let line = String(decoding: output.fileHandleForReading.readLine(), as: UTF8.self)
        guard line.hasPrefix("READY "), let port = Int(line.dropFirst(6)) else {
            throw FakeRegistryError(message: "fake registry did not start: '\(line)'")
        }
        host = "127.0.0.1:\(port)"
        try set(control)
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.terminate()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Replaces the control file; the next request sees it.
    func set(_ control: Control) throws {
        try JSONEncoder().encode(control).write(to: controlURL, options: .atomic)
    }

    /// Every request so far, in order.
    func requests() throws -> [LoggedRequest] {
        guard let data = try? Data(contentsOf: logURL) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(LoggedRequest.self, from: Data($0)) }
    }

    /// Manifest requests so far (what a registry's rate limit counts).
    func manifestRequests() throws -> [LoggedRequest] {
        try requests().filter { $0.path.contains("/manifests/") }
    }

    /// Token requests so far.
    func tokenRequests() throws -> [LoggedRequest] {
        try requests().filter { $0.path.hasPrefix("/token") }
    }
}

struct FakeRegistryError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension FileHandle {
    /// Reads up to a newline, byte by byte (the READY line is short).
    func readLine() -> Data {
        var bytes = Data()
        while let chunk = try? read(upToCount: 1), let byte = chunk.first, byte != 0x0A { bytes.append(byte) }
        return bytes
    }
}
