import Controller
import Docker
import Foundation
import Store
import Testing

/// Issue 18: `kill -9` at each snapshot and restore step of a snapshotted recreate converges, and the data ends as
/// the container that runs needs it: untouched after an aborted snapshot, restored after a failed gate.
extension CrashRecoveryTests {
    struct DataRow: Sendable {
        var step: String
        var killed: Bool
        var version: String
        var healthy: Bool
        var leftovers: [String]
        var open: Int
        var marker: String
        /// Snapshots still `taking`, and helper containers left on the host.
        var unfinished: Int
        var output: String
    }

    /// `app` with a named volume `appdata` at /appdata and `x-reconcile.snapshots` as given.
    static func writeDataApp(_ repo: TestRepo, _ name: String, image: String, snapshots: String) throws {
        try HealthSupport.writeApp(repo, name, image: image, lines: ["volumes: [appdata:/appdata]"],
                                   health: "{min_ready: 1s, timeout: 20s}, snapshots: \(snapshots)")
        let compose = repo.root.appendingPathComponent("stacks/\(repo.stack(name))/compose.yaml")
        try (String(contentsOf: compose, encoding: .utf8) + "\nvolumes:\n  appdata: {}\n")
            .write(to: compose, atomically: true, encoding: .utf8)
    }

    /// The snapshot steps of an update (`lab/app:2`) and the restore step of a failed one (`lab/app:broken`).
    static let dataSteps = ["snapshot", "snapshot-verified", "restore-data"]

    /// On Docker 20.10 and on Docker 26 (API 1.44 and later only), like the steps without data.
    @Test(arguments: LabEngine.allCases)
    func killAtEverySnapshotStepConverges(engine: LabEngine) async throws {
        var rows: [DataRow] = []
        for step in Self.dataSteps { rows.append(try await crashWithData(at: step, on: engine)) }
        var table = "step               killed  outcome  healthy  open ops  data    unfinished\n"
        for r in rows {
            table += r.step.padding(toLength: 19, withPad: " ", startingAt: 0) + (r.killed ? "yes     " : "NO      ")
                + r.version.padding(toLength: 9, withPad: " ", startingAt: 0) + (r.healthy ? "yes      " : "NO       ")
                + "\(r.open)".padding(toLength: 10, withPad: " ", startingAt: 0)
                + r.marker.padding(toLength: 8, withPad: " ", startingAt: 0) + "\(r.unfinished)\n"
        }
        print(table)
        for r in rows {
            #expect(r.killed, "\(r.step): RECONCILE_CRASH_AT did not kill the process\n\(table)")
            #expect(r.healthy && r.leftovers.isEmpty && r.open == 0 && r.unfinished == 0, "\(r.step)\n\(table)\n\(r.output)")
            #expect(r.version == (r.step == "restore-data" ? "old" : "new"), "\(r.step)\n\(table)\n\(r.output)")
            // After a failed gate the data is the snapshot's, whatever was written while the process was dead.
            #expect(r.marker == "before", "\(r.step): the data is \(r.marker)\n\(table)")
        }
    }

    /// v1 with a snapshotted volume holding `before`; the next release applied with the process killed at `step`;
    /// for `restore-data` the volume is then changed to `after` (what a migration would do) before the next run.
    func crashWithData(at step: String, on engine: LabEngine) async throws -> DataRow {
        let repo = try TestRepo(engine: engine)
        defer { repo.cleanUp() }
        let stack = repo.stack("crashdata"), name = "\(stack)-app-1"
        func write(_ image: String) throws {
            try Self.writeDataApp(repo, "crashdata", image: image, snapshots: "{restore: on-rollback}")
        }
        try write("lab/app:1")
        try repo.commit("v1")
        let first = try await repo.cli(["apply"])
        guard first.status == 0 else { throw LabError("\(step): first apply failed: \(first.output)") }
        let nas = try repo.docker("nas")
        let mountpoint = try #require(try await nas.listVolumes().first { $0.name == "\(stack)_appdata" }?.mountpoint)
        let marker = mountpoint + "/marker"
        try "before".write(toFile: marker, atomically: false, encoding: .utf8)
        let old = try await nas.inspectContainer(name).image
        let release = step == "restore-data" ? "lab/app:broken" : "lab/app:2"
        try write(release)
        try repo.commit("next release")
        let killed = try await repo.cli(["apply"], environment: ["RECONCILE_CRASH_AT": step])
        if step == "restore-data" { try "after".write(toFile: marker, atomically: false, encoding: .utf8) }
        let second = try await repo.cli(["apply"])
        let containers = try await repo.containers("crashdata", on: "nas")
        let healthy = containers[name] != nil ? try await HealthSupport.waitHealthy(nas, name) : false
        let image = containers[name] == nil ? "" : try await nas.inspectContainer(name).image
        let new = try await nas.inspectImage(release).id
        let store = try Store(stateDirectory: repo.state)
        let taking = try await store.snapshots().filter { $0.state == .taking }.count
        let helpers = try await nas.listContainers(all: true, filters: .label("reconcile.snapshot.helper", name)).count
        return DataRow(step: step, killed: killed.status == SIGKILL,
                       version: image == old ? "old" : image == new ? "new" : "missing", healthy: healthy,
                       leftovers: HealthSupport.leftovers(containers.keys),
                       open: try await store.unfinishedOperations().count,
                       marker: (try? String(contentsOfFile: marker, encoding: .utf8)) ?? "gone",
                       unfinished: taking + helpers, output: second.output)
    }

    /// `reconcile rollback --with-data` killed at `restore-target` (the target's data about to be copied in, the
    /// current data already snapshotted): the next run puts the current data back and the current version runs on.
    @Test func killAtRestoreTargetPutsTheCurrentDataBack() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let stack = repo.stack("crashtarget"), name = "\(stack)-app-1"
        func write(_ image: String) throws {
            try Self.writeDataApp(repo, "crashtarget", image: image, snapshots: "true")
        }
        try write("lab/app:1")
        try repo.commit("v1")
        #expect(try await repo.cli(["apply"]).status == 0)
        let nas = try repo.docker("nas")
        let marker = try #require(try await nas.listVolumes().first { $0.name == "\(stack)_appdata" }?.mountpoint) + "/marker"
        try "v1-data".write(toFile: marker, atomically: false, encoding: .utf8)
        let v1 = try #require(try await HealthSupport.revisions(repo, "crashtarget").first?.id)
        try write("lab/app:2")
        try repo.commit("v2")
        #expect(try await repo.cli(["apply"]).status == 0)
        try "v2-data".write(toFile: marker, atomically: false, encoding: .utf8)
        let v2 = try await nas.inspectContainer(name).image

        let killed = try await repo.cli(["rollback", stack, "--to", "\(v1)", "--with-data"],
                                        environment: ["RECONCILE_CRASH_AT": "restore-target"])
        #expect(killed.status == SIGKILL, "\(killed.output)")
        // As if the copy of the target's data had got half-way when the process died.
        try "half-restored".write(toFile: marker, atomically: false, encoding: .utf8)
        let next = try await repo.cli(["apply"])
        #expect(next.status == 0, "\(next.output)")
        #expect(try await nas.inspectContainer(name).image == v2, "the version that ran before the rollback")
        #expect(try await HealthSupport.waitHealthy(nas, name))
        #expect(try String(contentsOfFile: marker, encoding: .utf8) == "v2-data", "the data the running version wrote")
        let containers = try await repo.containers("crashtarget", on: "nas")
        #expect(HealthSupport.leftovers(containers.keys).isEmpty)
        let store = try Store(stateDirectory: repo.state)
        #expect(try await store.unfinishedOperations().isEmpty)
        #expect(try await store.snapshots().allSatisfy { $0.state == .complete })
    }
}
