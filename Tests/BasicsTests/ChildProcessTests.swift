import Basics
import Foundation
import Testing

/// Runs real programs (`/bin/sh`): the helper is the process boundary, so there is no double to test with.
struct ChildProcessTests {
    func shell(_ script: String, environment: [String: String]? = nil) throws -> ChildProcess.Result {
        try ChildProcess(executable: "/bin/sh", arguments: ["-c", script], environment: environment).run()
    }

    @Test func capturesBothStreamsAndTheExitCode() throws {
        let result = try shell("printf out; printf err >&2; exit 3")
        #expect(String(decoding: result.standardOutput, as: UTF8.self) == "out")
        #expect(String(decoding: result.standardError, as: UTF8.self) == "err")
        #expect(result.status == 3)
    }

    /// Far more than a pipe holds on both streams at once: reading one to the end first would deadlock.
    @Test(.timeLimit(.minutes(1)))
    func largeOutputOnBothStreamsDoesNotDeadlock() throws {
        let result = try shell("head -c 3000000 /dev/zero >&2; head -c 2000000 /dev/zero; head -c 1000000 /dev/zero >&2")
        #expect(result.standardOutput.count == 2_000_000)
        #expect(result.standardError.count == 4_000_000)
        #expect(result.status == 0)
    }

    @Test func inputReachesStandardInput() throws {
        let result = try ChildProcess(executable: "/bin/sh", arguments: ["-c", "read line; echo got $line"],
                                      input: Data("ghcr.io\n".utf8)).run()
        #expect(String(decoding: result.standardOutput, as: UTF8.self) == "got ghcr.io\n")
    }

    @Test func aChildThatIgnoresItsInputDoesNotHurtUs() throws {
        let result = try ChildProcess(executable: "/bin/sh", arguments: ["-c", "exit 4"], input: Data("x".utf8)).run()
        #expect(result.status == 4)
    }

    @Test func standardInputIsEmpty() throws {
        let result = try shell("cat; echo done")
        #expect(String(decoding: result.standardOutput, as: UTF8.self) == "done\n")
    }

    @Test func environmentIsReplacedWhenGiven() throws {
        let result = try shell("printf '%s|%s' \"$ONLY\" \"$HOME\"", environment: ["ONLY": "this"])
        #expect(String(decoding: result.standardOutput, as: UTF8.self) == "this|")
    }

    @Test func aSignalEndsWithItsNumber() throws {
        #expect(try shell("kill -9 $$").status == 9)
    }

    /// A descriptor opened without close-on-exec (as libcurl opens its sockets) stays ours: the child gets 0–2 only.
    @Test func theChildInheritsNoOtherDescriptor() throws {
        let leaked = open("/dev/null", O_RDONLY)
        try #require(leaked > 2)
        defer { close(leaked) }
        try #require(fcntl(leaked, F_GETFD) & FD_CLOEXEC == 0)
        let listed = try shell("ls /proc/$$/fd").standardOutput
        let inherited = String(decoding: listed, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(!inherited.contains(String(leaked)), "\(inherited)")
        #expect(Set(inherited).isSuperset(of: ["0", "1", "2"]), "\(inherited)")
    }

    @Test func aMissingProgramIsAnError() {
        #expect(throws: ChildProcessError.self) {
            try ChildProcess(executable: "/nonexistent/program", arguments: []).run()
        }
    }
}

/// Issue 17, point 3: git (or any child) is bounded by a time limit and stopped on cancellation, with what it started.
struct ChildProcessLimitTests {
    static func pidFile() -> String { FileManager.default.temporaryDirectory.appendingPathComponent("cp-\(UUID().uuidString)").path }

    /// Whether `pid` names a process (or a zombie nobody reaped).
    static func alive(_ pid: pid_t) -> Bool { kill(pid, 0) == 0 }

    static func pid(in file: String) throws -> pid_t {
        try #require(pid_t(try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test func aChildPastItsTimeLimitIsStoppedWithItsGrandchildren() throws {
        let file = Self.pidFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        // The grandchild holds the pipes open: killing only the shell would leave the read waiting on it.
        let child = ChildProcess(executable: "/bin/sh", arguments: ["-c", "sleep 600 & echo $! > \(file); wait"])
        do {
            _ = try child.run(timeout: .milliseconds(500))
            Issue.record("a child past its time limit must not end as a success")
        } catch {
            #expect(error.description.contains("did not finish within"), "\(error)")
        }
        let grandchild = try Self.pid(in: file)
        // The grandchild was sent SIGKILL with its group; its parent is gone, so init reaps it, or it is a zombie
        // no longer running. Delivery is asynchronous: give it a moment (a live `sleep 600` would stay for minutes).
        var state = ""
        for _ in 0..<50 {
            state = (try? String(contentsOfFile: "/proc/\(grandchild)/stat", encoding: .utf8)) ?? ""
            if state.isEmpty || state.split(separator: " ")[2] == "Z" { break }
            usleep(100_000)
        }
        #expect(state.isEmpty || state.split(separator: " ")[2] == "Z", "\(state)")
    }

    @Test func cancellingTheTaskStopsTheChild() async throws {
        let file = Self.pidFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let child = ChildProcess(executable: "/bin/sh", arguments: ["-c", "echo $$ > \(file); exec sleep 600"])
        let task = Task { try await child.runOffPool(timeout: nil) }
        while (try? String(contentsOfFile: file, encoding: .utf8))?.hasSuffix("\n") != true {
            try await Task.sleep(for: .milliseconds(20))
        }
        let pid = try Self.pid(in: file)
        #expect(Self.alive(pid))
        task.cancel()
        await #expect(throws: ChildProcessError.self) { try await task.value }
        #expect(!Self.alive(pid), "the child was killed and reaped")
    }
}
