import Foundation
import Testing

/// The real `age` and `age-keygen` (Debian's package, listed in scripts/deps): missing tools fail the test.
enum AgeCLI {
    static func tool(_ name: String) throws -> String {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        throw ToolMissing(name: name)
    }

    struct ToolMissing: Error, CustomStringConvertible {
        var name: String
        var description: String { "`\(name)` is not installed; run scripts/deps --lab (it installs Debian's age)" }
    }

    struct Failed: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var stderr: String
        var description: String { "\(command) exited \(status): \(stderr)" }
    }

    /// Runs `tool arguments…` with `input` on stdin; its stdout.
    @discardableResult
    static func run(_ name: String, _ arguments: [String], input: Data = Data()) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try tool(name))
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(command: ([name] + arguments).joined(separator: " "), status: process.terminationStatus,
                         stderr: String(decoding: err, as: UTF8.self))
        }
        return out
    }

    /// A fresh identity from `age-keygen`, written to a 0600 file in `directory`; (path, recipient).
    static func keygen(in directory: URL, name: String) throws -> (path: String, recipient: String) {
        let path = directory.appendingPathComponent(name).path
        try run("age-keygen", ["-o", path])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let recipient = text.split(separator: "\n").first { $0.hasPrefix("# public key: ") }.map { String($0.dropFirst(14)) }
        return (path, try #require(recipient))
    }
}

/// A temporary folder, removed by `cleanup`.
struct TempFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sealed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func cleanup() {
        try? FileManager.default.removeItem(at: url)
    }
}

enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/sops/" + name, withExtension: nil))
        return Array(try Data(contentsOf: url))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }
}
