import Controller
import Docker
import Foundation
import Store
import Testing

/// Issue 18: a snapshot that cannot be taken aborts the update before anything new starts, and the service keeps
/// running on its data as it was.
@Suite("Failed data snapshots on the lab", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct SnapshotFailureTests {
    /// An image with nothing but `sleep` (busybox's shell would find its own `cp` without links, so no shell at
    /// all): the helper cannot run, and the update aborts after the old container was stopped — the path a full disk
    /// (`cp` exiting non-zero) takes too.
    static func importBareImage(_ repo: TestRepo) throws -> String {
        let image = "lab/it-\(repo.suffix):bare"
        let rootfs = repo.root.appendingPathComponent(".bare-rootfs")
        let result = try run("/bin/bash", ["-c", """
            set -e
            mkdir -p \(rootfs.path)/bin && cp "$(command -v busybox)" \(rootfs.path)/bin/busybox
            ln -sf busybox \(rootfs.path)/bin/sleep
            tar -C \(rootfs.path) -c . | docker -H unix://\(try repo.lab.value("NAS_SOCK")) import - \(image)
            """])
        guard result.status == 0 else { throw LabError("importing \(image) failed: \(result.output)") }
        return image
    }

    @Test func aSnapshotThatFailsLeavesTheServiceRunningAsItWas() async throws {
        let dataRoot = HostDataTests.dataRoot()
        let repo = try SnapshotTests.repo(dataRoot: dataRoot)
        let image = try await offPool { try Self.importBareImage(repo) }
        let nas = try repo.docker("nas")
        defer {
            repo.cleanUp()
            try? FileManager.default.removeItem(at: dataRoot)
            _ = try? run("/bin/bash", ["-c", "docker -H unix://\((try? repo.lab.value("NAS_SOCK")) ?? "") rmi -f \(image) >/dev/null"])
        }
        let stack = repo.stack("db"), name = "\(stack)-db-1"
        func write(_ label: String) throws {
            try repo.writeStack("db", """
                x-reconcile: {health: {min_ready: 1s}, snapshots: true}
                services:
                  db:
                    image: \(image)
                    stop_grace_period: 1s
                    labels: {release: "\(label)"}
                    command: ["sleep", "3600"]
                    volumes: [dbvol:/vol, ./data:/data]
                volumes:
                  dbvol: {}
                """)
        }
        try write("one")
        try repo.commit("v1")
        #expect(try await repo.cli(["apply"]).status == 0)
        let before = try await nas.inspectContainer(name)

        try write("two")
        try repo.commit("v2")
        let update = try await repo.cli(["apply"])
        #expect(update.status != 0)
        #expect(update.output.contains("snapshot of db's data on nas could not run a helper from sha256:")
                    && update.output.contains("the service was left as it was"), "\(update.output)")
        let after = try await nas.inspectContainer(name)
        #expect(after.id == before.id && after.state.running, "the old container runs again under its name")
        #expect(after.config.labels?["release"] == "one", "nothing new started")
        let containers = try await repo.containers("db", on: "nas")
        #expect(containers.keys.sorted() == [name], "no .next, .prev or helper left: \(containers.keys)")
        #expect(try await nas.listVolumes(filters: .label("reconcile.snapshot")).filter { $0.name.hasPrefix(stack + "_") }.isEmpty,
                "the incomplete snapshot volume was removed")
        let store = try Store(stateDirectory: repo.state)
        #expect(try await store.snapshots().isEmpty)
        #expect(try await store.unfinishedOperations().isEmpty)
    }
}
