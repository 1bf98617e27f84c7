import Controller
import Docker
import Foundation
import Store
import Testing

/// Issue 18 on the lab: a snapshotted service's named volume and host-data folder are copied before it is
/// recreated, put back when the new version fails its gate (`restore: on-rollback`), or left with a way back
/// (`restore: manual`, then `reconcile rollback --with-data`).
@Suite("Data snapshots on the lab", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct SnapshotTests {
    /// v1 writes `schema=1` into its volume and its host-data folder unless something is there, then says what it
    /// reads; v2 migrates both to `schema=2`, then exits 1 at once, so its gate fails however slow the machine is (with a
    /// pause before the exit, a loaded machine could keep it running past `min_ready`).
    static func writeDB(_ repo: TestRepo, version: Int, policy: String) throws {
        let command = version == 1
            ? "[ -f /vol/schema ] || echo schema=1 > /vol/schema; [ -f /data/schema ] || echo schema=1 > /data/schema; "
                + "echo read $$(cat /vol/schema) $$(cat /data/schema); sleep 3600"
            : "echo schema=2 > /vol/schema; echo schema=2 > /data/schema; echo migrated; exit 1"
        try repo.writeStack("db", """
            x-reconcile:
              health: {min_ready: 2s, timeout: 20s}
              snapshots: \(policy)
            services:
              db:
                image: lab/busybox:1
                stop_grace_period: 1s
                healthcheck: {disable: true}
                command: ["sh", "-c", "\(command)"]
                volumes: [dbvol:/vol, ./data:/data]
            volumes:
              dbvol: {}
            """)
    }

    /// A repo placing the stack on nas with its own data root.
    static func repo(dataRoot: URL) throws -> TestRepo {
        let repo = try TestRepo()
        try repo.write("hosts/nas.yaml", """
            endpoint: unix://\(try repo.lab.value("NAS_SOCK"))
            vlan: main
            data: \(dataRoot.path)
            stacks: [\(repo.stack("db"))]
            """)
        try FileManager.default.removeItem(at: repo.root.appendingPathComponent("hosts/iot.yaml"))
        return repo
    }

    /// What the service's volume and host-data folder hold, read on the host.
    static func schemas(_ repo: TestRepo, dataRoot: URL) async throws -> [String] {
        let project = repo.stack("db")
        let volume = try await repo.docker("nas").listVolumes().first { $0.name == "\(project)_dbvol" }
        let mountpoint = try #require(volume?.mountpoint)
        return try [mountpoint + "/schema", dataRoot.path + "/\(project)/data/schema"].map {
            try String(contentsOfFile: $0, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// The last thing the running container said it read, waiting for it to say it.
    static func lastRead(_ repo: TestRepo, container: String, reads: Int) async throws -> String {
        var lines: [String] = []
        for _ in 0..<50 {
            lines = try await repo.docker("nas").logs(container).split(separator: "\n").map(String.init).filter { $0.hasPrefix("read ") }
            if lines.count >= reads { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return lines.last ?? "nothing read"
    }

    @Test func aFailedUpdateGetsItsDataBackBeforeTheOldContainerStarts() async throws {
        let dataRoot = HostDataTests.dataRoot()
        let repo = try Self.repo(dataRoot: dataRoot)
        defer { repo.cleanUp(); try? FileManager.default.removeItem(at: dataRoot) }
        let name = "\(repo.stack("db"))-db-1"
        try Self.writeDB(repo, version: 1, policy: "{services: [db], keep: 3, restore: on-rollback}")
        try repo.commit("v1")
        let first = try await repo.cli(["apply"])
        #expect(first.status == 0, "\(first.output)")
        #expect(try await Self.lastRead(repo, container: name, reads: 1) == "read schema=1 schema=1")
        let old = try await repo.docker("nas").inspectContainer(name).id

        try Self.writeDB(repo, version: 2, policy: "{services: [db], keep: 3, restore: on-rollback}")
        try repo.commit("v2 migrates and fails")
        let update = try await repo.cli(["apply"])
        #expect(update.status != 0, "the update rolled back: \(update.output)")
        let after = try await repo.docker("nas").inspectContainer(name)
        #expect(after.id == old && after.state.running, "the old container runs again")
        #expect(try await Self.schemas(repo, dataRoot: dataRoot) == ["schema=1", "schema=1"], "the data is back")
        #expect(try await Self.lastRead(repo, container: name, reads: 2) == "read schema=1 schema=1",
                "the old container read the restored data when it started again")

        let store = try Store(stateDirectory: repo.state)
        #expect(try await store.unfinishedOperations().isEmpty)
        var steps: [OperationStep] = []
        for id in Int64(1)...5 {
            if let op = try await store.operation(id: id), op.intent.kind == .recreate { steps = op.steps.map(\.step) }
        }
        #expect(steps.contains(.snapshot) && steps.contains(.snapshotVerified) && steps.contains(.restoreData), "\(steps)")
        #expect(steps.firstIndex(of: .snapshotVerified)! < steps.firstIndex(of: .startNew)!, "verified before anything new ran")
        let listed = try await repo.cli(["snapshots", "--stack", repo.stack("db")])
        #expect(listed.status == 0 && listed.output.contains("\(repo.stack("db"))  db  "), "\(listed.output)")
        let snapshots = try await store.snapshots(stack: repo.stack("db"))
        #expect(snapshots.count == 1 && snapshots.first?.state == .complete && snapshots.first?.size == 18
                    && snapshots.first?.revision != nil, "two files of `schema=1\\n`, tied to the revision: \(snapshots)")
        #expect(try await repo.docker("nas").listContainers(all: true, filters: .label("reconcile.snapshot.helper")).filter {
            $0.name.contains(repo.suffix)
        }.isEmpty, "no helper is left behind")
    }

    @Test func manualRestoreLeavesTheNewDataAndRollbackWithDataRestoresIt() async throws {
        let dataRoot = HostDataTests.dataRoot()
        let repo = try Self.repo(dataRoot: dataRoot)
        defer { repo.cleanUp(); try? FileManager.default.removeItem(at: dataRoot) }
        let stack = repo.stack("db"), name = "\(stack)-db-1"
        try Self.writeDB(repo, version: 1, policy: "{services: [db], restore: manual}")
        try repo.commit("v1")
        #expect(try await repo.cli(["apply"]).status == 0)
        #expect(try await Self.lastRead(repo, container: name, reads: 1) == "read schema=1 schema=1")
        let v1 = try #require(try await HealthSupport.revisions(repo, "db").first?.id)

        try Self.writeDB(repo, version: 2, policy: "{services: [db], restore: manual}")
        try repo.commit("v2 migrates and fails")
        #expect(try await repo.cli(["apply"]).status != 0)
        #expect(try await Self.schemas(repo, dataRoot: dataRoot) == ["schema=2", "schema=2"], "manual: the data stays")
        #expect(try await Self.lastRead(repo, container: name, reads: 2) == "read schema=2 schema=2")
        let rolledBack = try #require(try await HealthSupport.revisions(repo, "db").first)
        #expect(rolledBack.outcome == .rolledBack)
        #expect(rolledBack.revision.error?.contains("`reconcile rollback \(stack) --host nas --to \(v1) --with-data` restores it") == true,
                "\(rolledBack.revision.error ?? "no error")")

        let running = try await repo.docker("nas").inspectContainer(name).id
        let refused = try await repo.cli(["rollback", stack, "--to", "\(v1)"])
        #expect(refused.status != 0 && refused.output.contains("--with-data"), "\(refused.output)")
        #expect(try await repo.docker("nas").inspectContainer(name).id == running, "a refusal changes nothing")

        let restored = try await repo.cli(["rollback", stack, "--to", "\(v1)", "--with-data"])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(try await Self.schemas(repo, dataRoot: dataRoot) == ["schema=1", "schema=1"])
        #expect(try await Self.lastRead(repo, container: name, reads: 1) == "read schema=1 schema=1")
        #expect(try await repo.docker("nas").inspectContainer(name).id != running, "a fresh container on the restored data")
        #expect(try await Store(stateDirectory: repo.state).unfinishedOperations().isEmpty)
    }

    @Test func dataOverTheCapIsRefusedAndNothingChanges() async throws {
        let dataRoot = HostDataTests.dataRoot()
        let repo = try Self.repo(dataRoot: dataRoot)
        defer { repo.cleanUp(); try? FileManager.default.removeItem(at: dataRoot) }
        let name = "\(repo.stack("db"))-db-1"
        try Self.writeDB(repo, version: 1, policy: "{max_size: 16}")
        try repo.commit("v1")
        #expect(try await repo.cli(["apply"]).status == 0)
        _ = try await Self.lastRead(repo, container: name, reads: 1)
        let before = try await repo.docker("nas").inspectContainer(name)

        try Self.writeDB(repo, version: 2, policy: "{max_size: 16}")
        try repo.commit("v2")
        let update = try await repo.cli(["apply"])
        #expect(update.status != 0)
        #expect(update.output.contains("is 18 B in 4 entries, over the snapshot cap of 16 B"), "\(update.output)")
        let after = try await repo.docker("nas").inspectContainer(name)
        #expect(after.id == before.id && after.state.startedAt == before.state.startedAt && after.state.running,
                "the running container was never stopped")
        #expect(try await Self.schemas(repo, dataRoot: dataRoot) == ["schema=1", "schema=1"])
        #expect(try await repo.docker("nas").listContainers(all: true).filter { $0.name.hasPrefix(name + ".") }.isEmpty)
        #expect(try await Store(stateDirectory: repo.state).snapshots().isEmpty)
    }

    @Test func retentionKeepsTheNewestAndRemovingTheStackKeepsThemAll() async throws {
        let dataRoot = HostDataTests.dataRoot()
        let repo = try Self.repo(dataRoot: dataRoot)
        defer { repo.cleanUp(); try? FileManager.default.removeItem(at: dataRoot) }
        let stack = repo.stack("db"), nas = try repo.docker("nas")
        func snapshotVolumes() async throws -> [String] {
            try await nas.listVolumes(filters: .label("reconcile.snapshot")).map(\.name).filter { $0.hasPrefix(stack + "_") }.sorted()
        }
        for run in 1...4 {
            // Each commit changes the service's config (its command), so each apply recreates it.
            try Self.writeDB(repo, version: 1, policy: "{keep: 2}")
            let compose = repo.root.appendingPathComponent("stacks/\(stack)/compose.yaml")
            try String(contentsOf: compose, encoding: .utf8).replacingOccurrences(of: "sleep 3600", with: "sleep 360\(run)")
                .write(to: compose, atomically: true, encoding: .utf8)
            try repo.commit("run \(run)")
            let applied = try await repo.cli(["apply"])
            #expect(applied.status == 0, "\(applied.output)")
        }
        let records = try await Store(stateDirectory: repo.state).snapshots(stack: stack)
        #expect(records.count == 2, "three updates took a snapshot each, and keep is 2: \(records)")
        #expect(try await snapshotVolumes() == records.map(\.volume).sorted(), "the store and the host agree")

        try repo.write("hosts/nas.yaml", """
            endpoint: unix://\(try repo.lab.value("NAS_SOCK"))
            vlan: main
            data: \(dataRoot.path)
            """)
        try repo.remove("stacks/\(stack)")
        try repo.commit("the stack leaves")
        let removal = try await repo.cli(["apply", "--allow-mass-removal"])
        #expect(removal.status == 0, "\(removal.output)")
        #expect(try await repo.containers("db", on: "nas").isEmpty)
        #expect(try await snapshotVolumes().count == 2, "removing a stack never removes its snapshots")
        #expect(removal.output.contains("_db_snapshot_"), "they are reported as kept: \(removal.output)")
    }
}
