import Foundation
import Testing

/// Issue 26: what a person reads first must be true, and change only on purpose. The help and the output of
/// typical passes (an unreachable host, a failed pull, a rolled-back stack) are compared with the files in
/// `Snapshots/`; `RECONCILE_UPDATE_SNAPSHOTS=1` rewrites them (then read the diff before committing it).
@Suite("Output snapshots", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct OutputSnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// Compares `text` with `Snapshots/<name>.txt` (or writes it when asked to).
    static func expectSnapshot(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = folder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["RECONCILE_UPDATE_SNAPSHOTS"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected, "output differs from Snapshots/\(name).txt:\n\(text)", sourceLocation: sourceLocation)
    }

    /// The parts of an output that differ from run to run, replaced by what they stand for.
    static func normalized(_ text: String, repo: TestRepo, extra: [(String, String)] = []) -> String {
        var out = text
        let sockets = [("NAS_SOCK", "<nas.sock>"), ("IOT_SOCK", "<iot.sock>")].compactMap { key, name in
            (try? repo.lab.value(key)).map { ($0, name) }
        }
        for (value, name) in extra + sockets + [(repo.root.path, "<repo>"), (repo.suffix, "<suffix>")] {
            out = out.replacingOccurrences(of: value, with: name)
        }
        for (pattern, name) in [("revision [0-9]+", "revision <n>"), ("sha256:[0-9a-f]{12}…", "sha256:<id>…"),
                                ("\\([0-9a-f]{12}\\)", "(<id>)"), ("v1\\.[0-9]+/", "v<api>/")] {
            out = out.replacingOccurrences(of: pattern, with: name, options: .regularExpression)
        }
        return out
    }

    @Test(arguments: [["--help"], ["adopt", "--help"], ["init", "--help"], ["plan", "--help"]])
    func help(_ args: [String]) async throws {
        let result = try await runAsync(TestRepo.binary.path, args)
        #expect(result.status == 0)
        try Self.expectSnapshot("help-" + (args.count > 1 ? args[0] : "reconcile"), result.output)
    }

    @Test func unreachableHost() async throws {
        let repo = try TestRepo(hosts: ["nas": "unix://" + (try Lab.load().value("NAS_SOCK")),
                                        "gone": "unix:///tmp/reconcile-nowhere.sock"])
        defer { repo.cleanUp() }
        try repo.writeStack("web", """
        x-reconcile: {hosts: [nas], health: {min_ready: 0s}}
        services:
          app: {image: lab/busybox:1, command: sleep 3600}
        """)
        try repo.commit("web")
        let result = try await repo.cli(["apply"])
        #expect(result.status != 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.filter { $0.contains("reconcile-nowhere.sock") }.count == 1, "the endpoint is said once: \(result.output)")
        #expect(lines.last == "1 host unreachable (gone), 1 stack changed on nas")
        try Self.expectSnapshot("apply-unreachable-host", Self.normalized(result.output, repo: repo))
    }

    @Test func failedPull() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try repo.writeStack("web", """
        x-reconcile: {hosts: [nas]}
        services:
          app: {image: "127.0.0.1:5000/reconcile-missing-\(repo.suffix):1", command: sleep 3600}
        """)
        try repo.commit("web")
        let result = try await repo.cli(["apply"])
        #expect(result.status != 0)
        #expect(result.output.split(separator: "\n").last == "1 stack failed on nas (web-\(repo.suffix)), in sync on iot", "\(result.output)")
        try Self.expectSnapshot("apply-failed-pull", Self.normalized(result.output, repo: repo))
    }

    @Test func rolledBackStack() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try repo.writeStack("web", """
        x-reconcile: {hosts: [nas], health: {timeout: 1m}}
        services:
          app:
            image: lab/busybox:1
            command: sleep 3600
            healthcheck: {test: ["CMD", "false"], interval: 1s, timeout: 1s, retries: 1}
        """)
        try repo.commit("web")
        let result = try await repo.cli(["apply"])
        #expect(result.status != 0)
        #expect(result.output.split(separator: "\n").last == "1 stack rolled back on nas (web-\(repo.suffix)), in sync on iot", "\(result.output)")
        try Self.expectSnapshot("apply-rolled-back", Self.normalized(result.output, repo: repo))
    }
}
