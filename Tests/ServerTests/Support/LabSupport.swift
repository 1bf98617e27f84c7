import Foundation
import Server

/// The shared lab (`scripts/lab up`): tests run only with RECONCILE_LAB set, and use unique names.
enum Lab {
    static var enabled: Bool { ProcessInfo.processInfo.environment["RECONCILE_LAB"] != nil }

    /// `scripts/test` sets RECONCILE_LAB to the lab directory; `RECONCILE_LAB=1` means the default one.
    static var directory: String {
        let env = ProcessInfo.processInfo.environment
        if let lab = env["RECONCILE_LAB"], lab.hasPrefix("/") { return lab }
        return env["RECONCILE_LAB_DIR"] ?? "/tmp/reconcile-lab"
    }
    static var nasSocket: String { directory + "/nas/docker.sock" }

    /// Runs a program, returns stdout; throws with stderr on failure.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DaemonError.git(command: "\(executable) \(arguments.joined(separator: " "))", status: process.terminationStatus,
                                  output: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    static func docker(_ arguments: [String]) throws -> String {
        try run("/usr/bin/docker", ["-H", "unix://\(nasSocket)"] + arguments)
    }

    /// Container id, or nil when there is no such container.
    static func containerID(_ name: String) -> String? {
        try? docker(["inspect", "-f", "{{.Id}}", name])
    }

    static func isRunning(_ name: String) -> Bool {
        (try? docker(["inspect", "-f", "{{.State.Running}}", name])) == "true"
    }

    /// Removes every container of a test stack (by its label), so the shared lab stays clean.
    static func removeStack(_ stack: String) {
        let ids = (try? docker(["ps", "-aq", "--filter", "label=reconcile.stack=\(stack)"])) ?? ""
        let list = ids.split(separator: "\n").map(String.init)
        if !list.isEmpty { _ = try? docker(["rm", "-f"] + list) }
        _ = try? docker(["network", "rm", "\(stack)_default"])
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }
}
