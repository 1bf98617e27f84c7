import Foundation

/// Runs the `git` binary, so SSH keys, `GIT_SSH_COMMAND` and credential helpers work as users expect.
public struct GitRunner: Sendable {
    public init() {}

    /// Runs `git args…` off the cooperative pool; returns stdout, throws with stderr on a non-zero status.
    @discardableResult
    public func run(_ arguments: [String], in directory: URL? = nil) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(arguments, in: directory) })
            }
        }
    }

    func runBlocking(_ arguments: [String], in directory: URL?) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + (directory.map { ["-C", $0.path] } ?? []) + arguments
        var environment = ProcessInfo.processInfo.environment
        // A daemon has no terminal: a missing credential must fail, not hang on a prompt.
        environment["GIT_TERMINAL_PROMPT"] = "0"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DaemonError.git(command: arguments.joined(separator: " "), status: process.terminationStatus,
                                  output: String(decoding: stderr, as: UTF8.self))
        }
        return String(decoding: stdout, as: UTF8.self)
    }
}
