import Controller
import Foundation
import Testing

/// Issue 15 on the lab: a service that `extends` another (of its file, or of another file of the repository)
/// runs with the merged configuration.
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

    /// `extends.file` outside the stack folder: the base's relative bind and `env_file` are found beside the base
    /// (as Compose finds them), the file is shipped as repository content, and the lists merge as Compose merges.
    @Test func baseInAnotherFileRunsWithItsFilesAndMergedLists() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try repo.write("common/conf/app.conf", "greeting=from-common")
        try repo.write("common/app.env", "FROM_FILE=common-env\n")
        try repo.write("common/base.yaml", """
        services:
          app:
            image: lab/busybox:1
            command: ["sh", "-c", "cat /etc/app.conf; echo; echo env=$$FROM_FILE; touch /tmp/ready; sleep 3600"]
            healthcheck: {test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s}
            volumes: ["./conf/app.conf:/etc/app.conf"]
            env_file: app.env
            environment: [TIER=base]
            labels: [team=ops]
        """)
        try repo.writeStack("extf", """
        x-reconcile: {hosts: [nas], health: {min_ready: 1s}}
        services:
          worker:
            extends: {file: ../../common/base.yaml, service: app}
            environment: {TIER: worker}
            labels: {role: worker}
        """)
        try repo.commit("extends.file")
        let applied = try await repo.cli(["apply"])
        #expect(applied.status == 0, "\(applied.output)")
        let docker = try repo.docker("nas")
        let name = "\(repo.stack("extf"))-worker-1"
        let worker = try await docker.inspectContainer(name)
        #expect(worker.state.running)
        #expect(worker.config.labels?["team"] == "ops" && worker.config.labels?["role"] == "worker")
        let env = Set(worker.config.env ?? [])
        #expect(env.isSuperset(of: ["TIER=worker", "FROM_FILE=common-env"]) && !env.contains("TIER=base"), "\(env)")
        let logs = try await docker.logs(name)
        #expect(logs.contains("greeting=from-common") && logs.contains("env=common-env"), "\(logs)")
    }
}
