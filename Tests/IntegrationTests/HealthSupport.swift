import Controller
import Docker
import Foundation
import Store
import Testing

/// Shared steps of the health, rollback and crash lab tests.
enum HealthSupport {
    /// Probes every second; a slow probe (up to 10 s) or a few failures in a row do not count yet.
    static let tolerantCheck = "{interval: 1s, timeout: 10s, retries: 4}"

    /// A loopback port on nas's netns that no other test of this run picks (tests run concurrently).
    static func port() -> Int { Int.random(in: 20_000...39_999) }

    /// The page a published port serves inside nas's network namespace, via busybox wget.
    static func fetch(port: Int, netns: String = "/var/run/netns/lab-nas") throws -> String {
        try run("/usr/bin/nsenter", ["--net=\(netns)", "busybox", "wget", "-qO-",
                                     "http://127.0.0.1:\(port)/"]).output
    }

    /// Polls a container until Docker calls it healthy (or it has no healthcheck and runs).
    static func waitHealthy(_ docker: DockerClient, _ name: String, within seconds: Double = 15) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let inspect = try await docker.inspectContainer(name)
            if inspect.state.running, (inspect.state.health?.status ?? "healthy") == "healthy" { return true }
            try await Task.sleep(for: .milliseconds(250))
        }
        return false
    }

    /// Names of containers an interrupted rollout would leave behind.
    static func leftovers(_ names: some Sequence<String>) -> [String] {
        names.filter { $0.hasSuffix(".prev") || $0.hasSuffix(".next") }.sorted()
    }

    /// The stack's revisions on nas, newest first.
    static func revisions(_ repo: TestRepo, _ stack: String) async throws -> [RevisionRecord] {
        try await repo.controller().history(hosts: ["nas"], stacks: [repo.stack(stack)], limit: 50).revisions
    }

    /// One service `app` on nas, with the given extra service lines and health policy.
    /// httpd as PID 1 ignores SIGTERM: a short grace period keeps every stop at ~1 s instead of 10.
    /// The probe timeout and retries are generous so a loaded CI machine does not fail a good image.
    static func writeApp(_ repo: TestRepo, _ stack: String, image: String, lines: [String] = [],
                         health: String = "{min_ready: 1s, timeout: 30s}",
                         healthcheck: String = tolerantCheck) throws {
        try repo.writeStack(stack, """
        x-reconcile: {hosts: [nas], health: \(health)}
        services:
          app:
            image: "\(image)"
            stop_grace_period: 1s
            healthcheck: \(healthcheck)
        \(lines.map { "    " + $0 }.joined(separator: "\n"))
        """)
    }
}
