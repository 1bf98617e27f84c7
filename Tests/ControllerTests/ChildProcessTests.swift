import Controller
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

    @Test func aMissingProgramIsAnError() {
        #expect(throws: ChildProcessError.self) {
            try ChildProcess(executable: "/nonexistent/program", arguments: []).run()
        }
    }
}
