import Controller
import Docker
import Foundation
import Store
import Testing

/// Issue 18's explicit removal (`reconcile snapshots --remove --stack S`) and `rollback --with-data` for a service
/// whose container is gone, on the lab.
@Suite("Snapshot commands on the lab", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct SnapshotCommandTests {
    @Test func removeTakesAStacksSnapshotsAndWithDataNeedsAContainer() async throws {
        let repo = try SnapshotLimitTests.repo()
        defer { repo.cleanUp() }
        let stack = repo.stack("db"), name = "\(stack)-db-1", nas = try repo.docker("nas")
        let command = "echo data > /vol/file; sleep 3600"
        for label in ["one", "two"] {
            try SnapshotLimitTests.writeStack(repo, policy: "{services: [db]}", label: label, command: command)
            try repo.commit(label)
            let applied = try await repo.cli(["apply"])
            #expect(applied.status == 0, "\(applied.output)")
        }
        let records = try await Store(stateDirectory: repo.state).snapshots(stack: stack)
        #expect(records.count == 1, "the second apply took one snapshot: \(records)")
        let first = try #require(try await HealthSupport.revisions(repo, "db").last?.id)

        try await nas.removeContainer(name, force: true)
        let noContainer = try await repo.cli(["rollback", stack, "--to", "\(first)", "--with-data"])
        #expect(noContainer.status != 0)
        #expect(noContainer.output.contains("--with-data: service db has no container on nas")
                    && noContainer.output.contains("roll back without --with-data (`reconcile rollback \(stack) --to \(first)`)"),
                "\(noContainer.output)")
        #expect(try await nas.listContainers(all: true).filter { $0.name.hasPrefix(name) }.isEmpty, "the refusal created nothing")

        let unnamed = try await repo.cli(["snapshots", "--remove"])
        #expect(unnamed.status != 0 && unnamed.output.contains("--remove needs --stack S"), "\(unnamed.output)")
        #expect(try await Store(stateDirectory: repo.state).snapshots(stack: stack).count == 1, "nothing was removed")

        let removed = try await repo.cli(["snapshots", "--remove", "--stack", stack])
        #expect(removed.status == 0, "\(removed.output)")
        #expect(removed.output.contains("removed snapshot \(records[0].id) of nas/\(stack) db"), "\(removed.output)")
        #expect(try await Store(stateDirectory: repo.state).snapshots(stack: stack).isEmpty)
        #expect(try await nas.listVolumes().filter { $0.name == records[0].volume }.isEmpty, "the volume is gone from nas")
        #expect(try await nas.listVolumes().contains { $0.name == "\(stack)_dbvol" }, "the service's own volume stays")
    }
}
