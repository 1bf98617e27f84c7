import Controller
import Docker
import Foundation
import Testing

/// Issue 15: `deploy.resources`, `links` and `profiles` on a real engine, through a whole pass.
@Suite("Compose keys on the lab", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct ComposeKeysTests {
    @Test func limitsLinksAndProfilesReachTheEngine() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try repo.writeStack("keys", """
        x-reconcile: {hosts: [nas], health: {min_ready: 1s}}
        services:
          db:
            image: lab/busybox:1
            command: ["sleep", "3600"]
          app:
            image: lab/busybox:1
            links: ["db:database"]
            command: ["sh", "-c", "ping -c 1 -W 2 database && exec sleep 3600; exit 1"]
            deploy:
              resources:
                limits: {cpus: "0.5", memory: 64M, pids: 50}
                reservations: {memory: 32M}
              placement: {constraints: [node.role == manager]}
          debug:
            image: lab/busybox:1
            command: ["sleep", "3600"]
            profiles: [debug]
        """)
        try repo.commit("keys")
        let report = try await repo.controller().apply(ApplyRequest())
        #expect(report.succeeded, "\(report.renderText())")
        let nas = try repo.docker("nas")
        let app = try await nas.inspectContainer("\(repo.stack("keys"))-app-1")
        #expect(app.state.running, "app reached db under its link alias")
        #expect(app.hostConfig?.memory == 64 << 20)
        #expect(app.hostConfig?.nanoCpus == 500_000_000)
        #expect(app.hostConfig?.pidsLimit == 50)
        #expect(app.hostConfig?.memoryReservation == 32 << 20)
        #expect(try await repo.containers("keys", on: "nas").keys.sorted()
            == ["\(repo.stack("keys"))-app-1", "\(repo.stack("keys"))-db-1"], "debug is off: its profile is not active")

        try repo.writeStack("keys", (try String(contentsOf: repo.root.appendingPathComponent(
            "stacks/\(repo.stack("keys"))/compose.yaml"), encoding: .utf8))
            .replacingOccurrences(of: "health: {min_ready: 1s}}", with: "health: {min_ready: 1s}, profiles: [debug]}"))
        try repo.commit("debug on")
        let second = try await repo.controller().apply(ApplyRequest())
        #expect(second.succeeded, "\(second.renderText())")
        #expect(try await nas.inspectContainer("\(repo.stack("keys"))-debug-1").state.running)
        #expect(try await nas.inspectContainer("\(repo.stack("keys"))-app-1").id == app.id,
                "activating a profile leaves the others alone")
    }
}
