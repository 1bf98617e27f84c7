import Foundation
import Testing
@testable import Server

/// The built binary under SIGTERM in the middle of a pass: it finishes the stack, exits 0, and the next start recovers.
@Suite(.serialized, .enabled(if: Lab.enabled, "needs `scripts/lab up` and RECONCILE_LAB=1"))
struct LabShutdownTests {
    static var binary: URL { Lab.packageRoot.appendingPathComponent(".build/debug/reconcile") }

    /// `--stack` scopes the daemon to this test's stack: an unscoped pass would remove other tests' stacks.
    func launch(repo: URL, stack: String, state: URL, port: Int, log: URL) throws -> Process {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["daemon", "--repo", repo.path, "--state-dir", state.path, "--listen", "127.0.0.1:\(port)",
                             "--interval", "1h", "--stack", stack, "--registry-poll", "off"]
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        return process
    }

    @Test func sigtermDuringAPassExitsCleanlyAndTheNextStartRecovers() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the reconcile binary first")
        let stack = "srvterm" + UUID().uuidString.prefix(8).lowercased()
        let repo = try await GitTestRepo.make(hosts: LabDaemonTests.hosts)
        defer { repo.remove(); Lab.removeStack(stack) }
        // The slow image is healthy only 4 s after start, so the pass is surely mid-rollout when SIGTERM comes.
        try repo.write("stacks/\(stack)/compose.yaml", """
            x-reconcile:
              hosts: [nas]
            services:
              slow:
                image: lab/app:slow
                environment:
                  SLOW_SECONDS: "4"
            """)
        let state = repo.root.appendingPathComponent("state")
        let port = Int.random(in: 30000...39999)
        let firstLog = repo.root.appendingPathComponent("first.log")
        let first = try launch(repo: repo.work, stack: stack, state: state, port: port, log: firstLog)
        #expect(await eventually(30) {
            !((try? Lab.docker(["ps", "-aq", "--filter", "label=reconcile.stack=\(stack)"])) ?? "").isEmpty
        })
        let signalled = Date()
        first.terminate()  // SIGTERM
        #expect(await eventually(20) { !first.isRunning })
        #expect(!first.isRunning)
        #expect(first.terminationStatus == 0)
        #expect(Date().timeIntervalSince(signalled) < 20)
        // The stack in progress was finished, not abandoned: its pass completed and the new container runs.
        let log = try String(contentsOf: firstLog, encoding: .utf8)
        let done = try #require(log.range(of: "pass done")), stopped = try #require(log.range(of: "daemon stopped"))
        #expect(done.lowerBound < stopped.lowerBound)
        #expect(Lab.isRunning("\(stack)-slow-1"))

        let secondLog = repo.root.appendingPathComponent("second.log")
        let second = try launch(repo: repo.work, stack: stack, state: state, port: port, log: secondLog)
        defer { if second.isRunning { second.terminate() } }
        let transport = StatusProbe(port: port)
        let recovered = await eventually(60) { await transport.lastOutcome() == "success" }
        // The daemon's own log says why when it did not get there (a port taken, a lock, a failed pass).
        #expect(recovered, "second daemon: \((try? String(contentsOf: secondLog, encoding: .utf8)) ?? "no log")")
        let containers = try Lab.docker(["ps", "-a", "--format", "{{.Names}}", "--filter", "label=reconcile.stack=\(stack)"])
        #expect(containers == "\(stack)-slow-1")  // no temporary or .prev container left behind
        #expect(Lab.isRunning("\(stack)-slow-1"))
        second.terminate()
        #expect(await eventually(20) { !second.isRunning })
        #expect(second.terminationStatus == 0)
    }
}

/// Reads `/api/status` of a daemon running as a subprocess.
struct StatusProbe {
    let port: Int

    func lastOutcome() async -> String? {
        let client = CurlProbe(port: port)
        guard let body = await client.get("/api/status"),
              let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else { return nil }
        return (json["lastPass"] as? [String: Any])?["outcome"] as? String
    }
}
