import Controller
import Docker
import Foundation
import Store
import Testing

/// Issue 18 with an image that has no shell: snapshot and restore go through the Engine's archive endpoints, and a
/// restore they cannot finish is refused before anything is written.
@Suite("Data snapshots of shell-less images on the lab", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct SnapshotArchiveTests {
    /// An image with nothing but `sleep` (busybox's shell would find its own `cp` without links, so no shell at
    /// all), like a distroless one.
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

    @Test func anImageWithoutAShellIsSnapshottedThroughTheArchiveEndpoints() async throws {
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
        /// The image cannot write, so the test plays the service: it writes both places on the host.
        func migrate(to schema: String) throws {
            let volume = try #require(try Self.mountpoint(repo))
            for path in [volume + "/schema", dataRoot.path + "/\(stack)/data/schema"] {
                try "schema=\(schema)\n".write(toFile: path, atomically: false, encoding: .utf8)
            }
        }
        try write("one")
        try repo.commit("v1")
        #expect(try await repo.cli(["apply"]).status == 0)
        let v1 = try #require(try await HealthSupport.revisions(repo, "db").first?.id)
        try migrate(to: "1")

        try write("two")
        try repo.commit("v2")
        let update = try await repo.cli(["apply"])
        #expect(update.status == 0, "the snapshot went through the archive endpoints: \(update.output)")
        let store = try Store(stateDirectory: repo.state)
        let taken = try #require(try await store.snapshots(stack: stack).first)
        #expect(taken.state == .complete && taken.size == 18 && taken.files == 4, "two folders with a `schema=1\\n` each: \(taken)")
        let copy = try #require(try await nas.listVolumes().first { $0.name == taken.volume }?.mountpoint)
        #expect(try String(contentsOfFile: copy + "/0/schema", encoding: .utf8) == "schema=1\n")

        try migrate(to: "2")
        let restored = try await repo.cli(["rollback", stack, "--to", "\(v1)", "--with-data"])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(try await SnapshotTests.schemas(repo, dataRoot: dataRoot) == ["schema=1", "schema=1"], "the data is back")
        #expect(try await nas.inspectContainer(name).config.labels?["release"] == "one")

        // The archive endpoints only add: a file the snapshot lacks refuses the restore before anything is written.
        let volume = try #require(try Self.mountpoint(repo))
        try "later\n".write(toFile: volume + "/extra", atomically: false, encoding: .utf8)
        try migrate(to: "3")
        let running = try await nas.inspectContainer(name).id
        let refused = try await repo.cli(["rollback", stack, "--to", "\(v1)", "--with-data"])
        #expect(refused.status != 0)
        #expect(refused.output.contains("holds entries the snapshot does not (/extra)") && refused.output.contains("nothing was written"),
                "\(refused.output)")
        #expect(try await SnapshotTests.schemas(repo, dataRoot: dataRoot) == ["schema=3", "schema=3"], "the data stays as it was")
        let after = try await nas.inspectContainer(name)
        #expect(after.id == running && after.state.running, "the old container runs on")
        #expect(try await store.unfinishedOperations().isEmpty)
    }

    static func mountpoint(_ repo: TestRepo) throws -> String? {
        let output = try run("/bin/bash", ["-c", "docker -H unix://\(try repo.lab.value("NAS_SOCK")) volume inspect "
                                           + "-f '{{.Mountpoint}}' \(repo.stack("db"))_dbvol"]).output
        return output.split(separator: "\n").first.map(String.init)
    }
}
