import Controller
import Dispatch
import FoundationEssentials

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
        var environment = ProcessInfo.processInfo.environment
        // A daemon has no terminal: a missing credential must fail, not hang on a prompt.
        environment["GIT_TERMINAL_PROMPT"] = "0"
        let git = ChildProcess(executable: "/usr/bin/env",
                               arguments: ["git"] + (directory.map { ["-C", $0.path] } ?? []) + arguments,
                               environment: environment)
        let result = try git.run()
        guard result.status == 0 else {
            throw DaemonError.git(command: arguments.joined(separator: " "), status: result.status,
                                  output: String(decoding: result.standardError, as: UTF8.self))
        }
        return String(decoding: result.standardOutput, as: UTF8.self)
    }
}
