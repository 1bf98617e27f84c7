import Basics
import Controller
import FoundationEssentials

/// Runs the `git` binary, so SSH keys, `GIT_SSH_COMMAND` and credential helpers work as users expect.
public struct GitRunner: Sendable {
    /// A git server that stops answering cannot hold the daemon longer than this per command.
    public var timeout: Duration

    public init(timeout: Duration = .seconds(300)) {
        self.timeout = timeout
    }

    /// Runs `git args…` off the cooperative pool; returns stdout, throws with stderr on a non-zero status.
    /// Past `timeout`, or when the task is cancelled (shutdown), git and its helpers are killed.
    @discardableResult
    public func run(_ arguments: [String], in directory: URL? = nil) async throws -> String {
        var environment = ProcessInfo.processInfo.environment
        // A daemon has no terminal: a missing credential must fail, not hang on a prompt.
        environment["GIT_TERMINAL_PROMPT"] = "0"
        let git = ChildProcess(executable: "/usr/bin/env",
                               arguments: ["git"] + (directory.map { ["-C", $0.path] } ?? []) + arguments,
                               environment: environment)
        let command = URLCredentials.strip(arguments.joined(separator: " "))
        let result: ChildProcess.Result
        do {
            result = try await git.runOffPool(timeout: timeout)
        } catch let error as ChildProcessError {
            throw DaemonError.git(command: command, status: -1, output: error.description)
        }
        guard result.status == 0 else {
            throw DaemonError.git(command: command, status: result.status,
                                  output: URLCredentials.strip(String(decoding: result.standardError, as: UTF8.self)))
        }
        return String(decoding: result.standardOutput, as: UTF8.self)
    }
}
