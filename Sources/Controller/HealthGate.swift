import Basics
import Docker
import FoundationEssentials

/// Decides whether a freshly started container is good, by following the engine's event stream.
///
/// With a healthcheck: `healthy` passes; `unhealthy` (which Docker only reports after the start
/// period) or the container exiting fails at once. Without one: running, with no exit or restart,
/// for `minReady`; a `minReady` of zero takes running right after start as enough, as
/// `docker compose up --wait` does. Either way the whole wait is bounded by `budget`.
struct HealthGate: Sendable {
    enum Verdict: Sendable, Equatable {
        case healthy
        case unhealthy(reason: String, log: [String])
    }

    let client: DockerClient
    let minReady: Duration
    /// `x-reconcile.health.timeout`; nil derives one from the healthcheck.
    let timeout: Duration?
    /// A one-shot job passes by exiting 0 instead of by staying up.
    var job = false
    /// Told how long the gate has waited, about once a second, and how the wait ended (a terminal draws it, the
    /// status page lists it).
    var progress: (@Sendable (_ wait: GateWait, _ budget: Duration) -> Void)?

    func wait(for containerID: String, startedAt: Date) async throws -> Verdict {
        if job { return try await completion(of: containerID) }
        let first = try await client.inspectContainer(containerID)
        guard first.state.running || first.state.restarting else {
            return try await failure(containerID, "exited with code \(first.state.exitCode) right after start")
        }
        if first.state.health == nil, minReady == .zero, !first.state.restarting { return .healthy }
        // Opened after that first look: `since` replays what the container did from its start on.
        let events = client.events(filters: DockerFilters(["container": [containerID], "type": ["container"]]),
                                   since: startedAt.addingTimeInterval(-1))
        if let health = first.state.health {
            if health.status == "healthy" { return .healthy }
            let budget = timeout ?? Self.defaultBudget(first.config.healthcheck)
            return try await race(budget: budget, id: containerID, timeoutReason: "not healthy after \(Self.text(budget))") {
                for try await event in events {
                    switch event.action {
                    case "health_status: healthy": return .healthy
                    case "health_status: unhealthy": return try await failure(containerID, "healthcheck reports unhealthy")
                    case "die", "oom": return try await failure(containerID, Self.exitReason(event))
                    default: continue
                    }
                }
                return try await failure(containerID, "the engine's event stream ended")
            }
        }
        let restarts = first.restartCount
        let verdict = try await race(budget: minReady, id: containerID, timeoutReason: nil) {
            for try await event in events where ["die", "oom", "restart"].contains(event.action) {
                return try await failure(containerID, Self.exitReason(event))
            }
            return try await failure(containerID, "the engine's event stream ended")
        }
        guard verdict == .healthy else { return verdict }
        let after = try await client.inspectContainer(containerID)
        guard after.state.running, after.restartCount == restarts else {
            return try await failure(containerID, "did not stay running for \(Self.text(minReady))")
        }
        return .healthy
    }

    /// A job's verdict: its exit code, within `timeout` (default `jobBudget`); a failure carries its last log lines.
    func completion(of id: String) async throws -> Verdict {
        let budget = timeout ?? Self.jobBudget
        return try await race(budget: budget, id: id, timeoutReason: "job did not finish within \(Self.text(budget))") {
            let code = try await client.waitContainer(id, timeout: budget + .seconds(30))
            guard code != 0 else { return .healthy }
            let verdict = try await failure(id, "job exited with code \(code)")
            guard case .unhealthy(let reason, let log) = verdict else { return verdict }
            return .unhealthy(reason: reason, log: try await lastLines(id) + log)
        }
    }

    /// How long a job may run when `x-reconcile.health.timeout` does not say.
    static let jobBudget: Duration = .seconds(600)

    /// The container's last output lines, which say why a job failed.
    func lastLines(_ id: String, count: Int = 20) async throws -> [String] {
        try await client.logs(id, tail: count).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// Runs `watch` against a deadline. With `timeoutReason` nil, reaching the deadline is a pass.
    func race(budget: Duration, id: String, timeoutReason: String?,
              watch: @escaping @Sendable () async throws -> Verdict) async throws -> Verdict {
        let progress = self.progress
        let verdict: Verdict
        do {
            verdict = try await withThrowingTaskGroup(of: Verdict?.self) { group in
                group.addTask { try await watch() }
                group.addTask {
                    try await Task.sleep(for: budget)
                    return nil
                }
                if let progress {
                    // Ticks until the verdict cancels it; it never gives one itself.
                    group.addTask {
                        let clock = ContinuousClock(), start = clock.now
                        while true {
                            progress(.waiting(clock.now - start), budget)
                            try await Task.sleep(for: .seconds(1))
                        }
                    }
                }
                defer { group.cancelAll() }
                let first = try await group.next() ?? nil
                if let first { return first }
                guard let timeoutReason else { return .healthy }
                return try await failure(id, timeoutReason)
            }
        } catch {
            progress?(.failed, budget)
            throw error
        }
        // After the group, whose ticker has stopped: the end is the last thing a watcher hears.
        progress?(verdict == .healthy ? .passed : .failed, budget)
        return verdict
    }

    /// The reason plus the last few probe outputs, or the exit code, for history and the terminal.
    func failure(_ id: String, _ reason: String) async throws -> Verdict {
        let inspect = try? await client.inspectContainer(id)
        var log: [String] = []
        if let probes = inspect?.state.health?.log {
            log = probes.suffix(5).map { "probe exit \($0.exitCode): " + $0.output.trimmingWhitespaceAndNewlines() }
        }
        if let state = inspect?.state, !state.running {
            log.append("container \(state.status), exit code \(state.exitCode)\(state.error.isEmpty ? "" : ": " + state.error)")
        }
        return .unhealthy(reason: reason, log: log)
    }

    /// start period + retries × (interval + timeout) + a margin, with Docker's defaults.
    static func defaultBudget(_ h: HealthConfig?) -> Duration {
        let interval = h?.interval.flatMap { $0 > 0 ? $0 : nil } ?? 30_000_000_000
        let timeout = h?.timeout.flatMap { $0 > 0 ? $0 : nil } ?? 30_000_000_000
        let retries = Int64(h?.retries.flatMap { $0 > 0 ? $0 : nil } ?? 3)
        let start = h?.startPeriod ?? 0
        return .nanoseconds(start + (retries + 1) * (interval + timeout)) + .seconds(10)
    }

    static func exitReason(_ event: DockerEvent) -> String {
        switch event.action {
        case "oom": return "ran out of memory"
        case "restart": return "restarted"
        default: return "exited with code \(event.actor.attributes?["exitCode"] ?? "?")"
        }
    }

    static func text(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return s == s.rounded() ? "\(Int(s))s" : PrintfText.oneDecimal(s) + "s"
    }
}
