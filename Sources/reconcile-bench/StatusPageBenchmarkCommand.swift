import ArgumentParser
import Controller
import FoundationEssentials
import Server

/// `reconcile-bench status-page --hosts 20 --stacks 30`: the server time of the status page's overview, i.e.
/// `/api/status` built and encoded from a daemon state holding that many hosts and stacks; one JSON line.
struct StatusPageBenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status-page",
        abstract: "Time the overview the status page reads (/api/status) for H hosts with S stacks each."
    )

    @Option(help: "Hosts in the daemon's last pass.")
    var hosts: Int = 20

    @Option(help: "Stacks on each host.")
    var stacks: Int = 30

    @Option(help: "Timed renders; the first (warm-up) one is not counted.")
    var rounds: Int = 50

    func validate() throws {
        guard hosts > 0, stacks > 0, rounds > 0 else { throw ValidationError("--hosts, --stacks and --rounds must be positive") }
    }

    func run() async throws {
        let state = DaemonState(source: "bench")
        await state.record(try Self.report(hosts: hosts, stacks: stacks), triggers: ["timer"])
        var bytes = try await state.statusJSON().count
        let wall = try await Timings.measure(rounds: rounds) { bytes = try await state.statusJSON().count }.wall
        try printJSONLine(StatusPageBenchmarkResult(hosts: hosts, stacks: hosts * stacks, rounds: rounds,
                                                    medianSeconds: wall.median, maxSeconds: wall.max, bytes: bytes))
    }

    /// A pass over `hosts` hosts: each stack in one of the states the page shows, with actions and reasons.
    /// Built through `PassReport`'s Codable form, its only public way in besides a real pass.
    static func report(hosts: Int, stacks: Int) throws -> PassReport {
        struct Action: Encodable { var kind = "recreate", service: String, reasons = ["image: sha256:aaaa → sha256:bbbb", "env SIDE"] }
        struct Stack: Encodable { var stack: String, outcome: String, revision: Int, actions: [Action], error: String? }
        struct Host: Encodable {
            var host: String, endpoint: String, reachable: Bool, stacks: [Stack], requests = 2, vlan: String, apiVersion = "1.41", engineVersion = "20.10.24"
        }
        struct Report: Encodable {
            var mode = "apply", commit = String(repeating: "c", count: 40), startedAt = 0.0, finishedAt = 1.0
            var diagnostics: [String] = [], hosts: [Host]
        }
        let outcomes = ["in-sync", "applied", "planned", "pending", "rolled-back", "failed", "blocked", "held"]
        let report = Report(hosts: (0..<hosts).map { h in
            Host(host: "host-\(h)", endpoint: "unix:///run/host-\(h).sock", reachable: h % 7 != 3,
                 stacks: (0..<stacks).map { s in
                     let outcome = outcomes[(h + s) % outcomes.count]
                     return Stack(stack: "stack-\(s)", outcome: outcome, revision: h * stacks + s,
                                  actions: (0..<3).map { Action(service: "svc-\($0)") },
                                  error: outcome == "failed" ? "web: health gate timed out after 2m" : nil)
                 }, vlan: "vlan-\(h % 4)")
        })
        return try JSONDecoder().decode(PassReport.self, from: try JSONEncoder().encode(report))
    }
}

struct StatusPageBenchmarkResult: Encodable {
    var hosts: Int
    var stacks: Int
    var rounds: Int
    var medianSeconds: Double
    var maxSeconds: Double
    /// Size of the `/api/status` body the page downloads.
    var bytes: Int
}
