import Controller
import Foundation
import Testing

/// Issue 15 on the lab: a service that `extends` another of its file runs with the merged configuration.
@Suite("extends", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct ExtendsTests {
    @Test func extendingServiceRunsWithTheMergedConfiguration() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try repo.writeStack("ext", """
        x-reconcile: {hosts: [nas], health: {min_ready: 1s}}
        services:
          base:
            image: lab/busybox:1
            command: sh -c "sleep 3600"
            environment: {TIER: base, SHARED: "1"}
            labels: {team: ops}
          worker:
            extends: base
            environment: {TIER: worker}
            labels: {role: worker}
        """)
        try repo.commit("extends")
        let applied = try await repo.cli(["apply"])
        #expect(applied.status == 0, "\(applied.output)")
        let worker = try await repo.docker("nas").inspectContainer("\(repo.stack("ext"))-worker-1")
        #expect(worker.config.cmd == ["sh", "-c", "sleep 3600"])
        let env = Set(worker.config.env ?? [])
        #expect(env.isSuperset(of: ["TIER=worker", "SHARED=1"]) && !env.contains("TIER=base"), "\(env)")
        #expect(worker.config.labels?["team"] == "ops" && worker.config.labels?["role"] == "worker")
        #expect(worker.state.running)
    }
}
