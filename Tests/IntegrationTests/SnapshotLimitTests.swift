import Controller
import Docker
import Foundation
import Store
import Testing

/// Issue 18's limits on the lab: a disk that fills during the snapshot and data that grows past `max_size` after it
/// was measured both refuse the update with the old container running and no partial snapshot left; a restore
/// rewrites only what changed and ends equal to the snapshot.
@Suite("Data snapshot limits on the lab", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct SnapshotLimitTests {
    /// One `db` service on nas with a named volume; `command` is its shell script, `label` makes each version differ.
    /// `minReady` long enough that a version exiting at once is still seen to exit on a loaded machine.
    static func writeStack(_ repo: TestRepo, policy: String, label: String, command: String, grace: String = "1s",
                           minReady: String = "1s") throws {
        try repo.writeStack("db", """
            x-reconcile:
              health: {min_ready: \(minReady), timeout: 20s}
              snapshots: \(policy)
            services:
              db:
                image: lab/busybox:1
                stop_grace_period: \(grace)
                healthcheck: {disable: true}
                labels: {release: "\(label)"}
                command: ["sh", "-c", "\(command)"]
                volumes: [dbvol:/vol]
            volumes:
              dbvol: {}
            """)
    }

    /// A repo placing the `db` stack on nas alone.
    static func repo() throws -> TestRepo {
        let repo = try TestRepo()
        try repo.write("hosts/nas.yaml", "endpoint: unix://\(try repo.lab.value("NAS_SOCK"))\nvlan: main\nstacks: [\(repo.stack("db"))]\n")
        try repo.remove("hosts/iot.yaml")
        return repo
    }

    /// The update must have been refused with the old container running as before and nothing left of the snapshot.
    static func expectUnchanged(_ repo: TestRepo, before: ContainerInspect) async throws {
        let name = "\(repo.stack("db"))-db-1", nas = try repo.docker("nas")
        let after = try await nas.inspectContainer(name)
        #expect(after.id == before.id && after.state.running, "the old container runs under its name")
        #expect(after.config.labels?["release"] == "one", "nothing new started")
        #expect(try await repo.containers("db", on: "nas").keys.sorted() == [name], "no .next, .prev or helper left")
        #expect(try await nas.listVolumes(filters: .label("reconcile.snapshot")).filter { $0.name.hasPrefix(repo.stack("db") + "_") }.isEmpty,
                "the partial snapshot volume was removed")
        let store = try Store(stateDirectory: repo.state)
        #expect(try await store.snapshots().isEmpty, "no snapshot recorded")
        #expect(try await store.unfinishedOperations().isEmpty)
    }

    @Test func aDiskThatFillsDuringTheSnapshotRefusesTheUpdate() async throws {
        let repo = try Self.repo()
        defer { repo.cleanUp() }
        // Snapshot volumes on a 256 KiB tmpfs of their own; the service holds 1 MiB, so `cp` meets ENOSPC.
        let policy = "{services: [db], driver_opts: {type: tmpfs, device: tmpfs, o: size=256k}}"
        let command = "[ -f /vol/big ] || dd if=/dev/zero of=/vol/big bs=1024 count=1024 2>/dev/null; sleep 3600"
        try Self.writeStack(repo, policy: policy, label: "one", command: command)
        try repo.commit("v1")
        let first = try await repo.cli(["apply"])
        #expect(first.status == 0, "\(first.output)")
        let before = try await repo.docker("nas").inspectContainer("\(repo.stack("db"))-db-1")

        try Self.writeStack(repo, policy: policy, label: "two", command: command)
        try repo.commit("v2")
        let update = try await repo.cli(["apply"])
        #expect(update.status != 0)
        #expect(update.output.contains("snapshot of db's data on nas failed") && update.output.contains("No space left on device")
                    && update.output.contains("the service was left as it was: free disk space on nas"), "\(update.output)")
        try await Self.expectUnchanged(repo, before: before)
    }

    @Test func dataThatGrowsPastTheCapWhileStoppingIsRefused() async throws {
        let repo = try Self.repo()
        defer { repo.cleanUp() }
        // Measured while running: 6 bytes. On SIGTERM the service writes 1 MiB, after the cap was checked.
        let policy = "{services: [db], max_size: 512KiB}"
        let command = "rm -f /vol/big; echo small > /vol/small; "
            + "trap 'dd if=/dev/zero of=/vol/big bs=1024 count=1024 2>/dev/null; exit 0' TERM; while true; do sleep 1; done"
        try Self.writeStack(repo, policy: policy, label: "one", command: command, grace: "10s")
        try repo.commit("v1")
        #expect(try await repo.cli(["apply"]).status == 0)
        let before = try await repo.docker("nas").inspectContainer("\(repo.stack("db"))-db-1")

        try Self.writeStack(repo, policy: policy, label: "two", command: command, grace: "10s")
        try repo.commit("v2")
        let update = try await repo.cli(["apply"])
        #expect(update.status != 0)
        #expect(update.output.contains("the snapshot of db's data on nas passed the cap of 512.0 KiB while copying (1.0 MiB copied")
                    && update.output.contains("the partial snapshot was removed and the service was left as it was"),
                "\(update.output)")
        try await Self.expectUnchanged(repo, before: before)
    }

    @Test func aRestoreRewritesOnlyWhatChanged() async throws {
        let repo = try Self.repo()
        defer { repo.cleanUp() }
        let policy = "{services: [db], restore: on-rollback}"
        // v1: 50 files in 5 folders, a name with `|` and a quote, a link. v2 rewrites one file to the same size,
        // deletes one, adds one, replaces a folder by a file, then fails its gate.
        let v1 = "[ -d /vol/d0 ] || for d in 0 1 2 3 4; do mkdir -p /vol/d$$d; for f in 0 1 2 3 4 5 6 7 8 9; do "
            + "echo v1-$$d-$$f > /vol/d$$d/f$$f; done; done; echo x > \\\"/vol/it's a|b\\\"; ln -sf d0/f0 /vol/link; sleep 3600"
        let v2 = "echo v2-0-0 > /vol/d0/f0; rm /vol/d1/f1; echo new > /vol/d2/new; rm -r /vol/d3; echo file > /vol/d3; exit 1"
        try Self.writeStack(repo, policy: policy, label: "one", command: v1, minReady: "3s")
        try repo.commit("v1")
        let first = try await repo.cli(["apply"])
        #expect(first.status == 0, "\(first.output)")
        let volume = try #require(try await repo.docker("nas").listVolumes().first { $0.name == "\(repo.stack("db"))_dbvol" }?.mountpoint)
        let original = try Self.tree(volume)
        #expect(original.count == 57, "5 folders, 50 files, the odd name and the link: \(original.keys.sorted())")

        try Self.writeStack(repo, policy: policy, label: "two", command: v2, minReady: "3s")
        try repo.commit("v2 changes and fails")
        let update = try await repo.cli(["apply"])
        #expect(update.status != 0, "the gate failed: \(update.output)")
        let restored = try Self.tree(volume)
        #expect(restored.mapValues(\.content) == original.mapValues(\.content), "every entry and content is back")
        #expect(restored["d4/f9"]?.inode == original["d4/f9"]?.inode, "an unchanged file was kept, not copied again")
        // The file v2 rewrote at the same size holds v1's text again (the content check above): it was replaced,
        // not kept. Its inode number proves nothing: the file system may hand the freed number to the copy.
        #expect(restored["d0/f0"]?.content == "v1-0-0\n", "the file rewritten at the same size was replaced")
    }

    /// Every entry under `root`: its content (a file's text, a link's target, `dir`) and inode.
    static func tree(_ root: String) throws -> [String: (content: String, inode: UInt64)] {
        var entries: [String: (content: String, inode: UInt64)] = [:]
        let manager = FileManager.default
        let walk = try #require(manager.enumerator(atPath: root), "cannot read \(root)")
        for case let path as String in walk {
            let full = root + "/" + path
            let attributes = try manager.attributesOfItem(atPath: full)
            let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
            let content: String = switch attributes[.type] as? FileAttributeType {
            case .typeDirectory?: "dir"
            case .typeSymbolicLink?: "-> " + (try manager.destinationOfSymbolicLink(atPath: full))
            default: try String(contentsOfFile: full, encoding: .utf8)
            }
            entries[path] = (content, inode)
        }
        return entries
    }
}
