import Foundation
import Spec
import Testing

/// `x-reconcile.snapshots` (issue 18): decoded with defaults, and every mistake reported at its position.
struct SnapshotPolicyTests {
    static let nas = "endpoint: unix:///var/run/docker.sock\ndata: /srv/apps\nstacks: [web]\n"

    func load(_ block: String) throws -> (LoadResult, TestRepository) {
        let repo = try TestRepository(hosts: ["nas": Self.nas])
        try repo.write("stacks/web/compose.yaml", """
            x-reconcile:
              snapshots: \(block)
            services:
              db: {image: postgres, volumes: [pg:/var/lib/postgresql/data]}
              app: {image: busybox, volumes: [./data:/data]}
            volumes:
              pg: {}
            """)
        return (RepositoryLoader.load(root: repo.root.path, environment: [:]), repo)
    }

    @Test func theKeysAreDecoded() throws {
        let (result, repo) = try load("{services: [db, app], keep: 5, restore: manual, max_size: 2GiB}")
        defer { repo.remove() }
        let policy = try #require(result.repository?.stack(named: "web")?.snapshots, "\(result.renderedDiagnostics)")
        #expect(policy.services == ["db", "app"])
        #expect(policy.keep == 5)
        #expect(policy.restore == .manual)
        let twoGiB: Int64 = 2 << 30
        #expect(policy.maxSize == twoGiB)
        #expect(policy.location.description == "stacks/web/compose.yaml:2:3")
    }

    @Test func driverOptionsPutSnapshotsOnAFilesystemOfTheirOwn() throws {
        let (result, repo) = try load("{driver_opts: {type: tmpfs, device: tmpfs, o: size=1g}}")
        defer { repo.remove() }
        let policy = try #require(result.repository?.stack(named: "web")?.snapshots, "\(result.renderedDiagnostics)")
        #expect(policy.driverOpts == ["type": "tmpfs", "device": "tmpfs", "o": "size=1g"])
    }

    @Test func defaultsCoverEveryServiceAndRestoreOnRollback() throws {
        let (result, repo) = try load("true")
        defer { repo.remove() }
        let stack = try #require(result.repository?.stack(named: "web"), "\(result.renderedDiagnostics)")
        #expect(stack.snapshots?.keep == 3 && stack.snapshots?.restore == .onRollback && stack.snapshots?.maxSize == nil
                    && stack.snapshots?.driverOpts.isEmpty == true)
        #expect(stack.snapshotPolicy(for: "db") != nil && stack.snapshotPolicy(for: "app") != nil)
    }

    @Test func aStackWithoutTheBlockSnapshotsNothing() throws {
        let (result, repo) = try load("false")
        defer { repo.remove() }
        let stack = try #require(result.repository?.stack(named: "web"), "\(result.renderedDiagnostics)")
        #expect(stack.snapshots == nil && stack.snapshotPolicy(for: "db") == nil)
    }

    @Test(arguments: [
        ("{services: [dbb]}", 2, 26, "`snapshots.services` names `dbb`, which is not a service of this stack; did you mean `db`?"),
        ("{keep: 0}", 2, 21, "`snapshots.keep` must be at least 1"),
        ("{keep: many}", 2, 21, "`snapshots.keep` must be an integer"),
        ("{restore: always}", 2, 24, "unknown snapshot restore `always`; use on-rollback or manual"),
        ("{max_size: lots}", 2, 25, "`snapshots.max_size`: `lots` is not a size"),
        ("{keeps: 3}", 2, 15, "unknown key `keeps` in `x-reconcile.snapshots`; did you mean `keep`?"),
        ("{driver_opts: {type: none, o: bind, device: /mnt}}", 2, 28, "`snapshots.driver_opts` binds one folder, which every snapshot would share"),
    ])
    func mistakesArePositioned(block: String, line: Int, column: Int, message: String) throws {
        let (result, repo) = try load(block)
        defer { repo.remove() }
        #expect(result.repository == nil || result.repository?.stack(named: "web") == nil)
        let match = result.diagnostics.first {
            $0.location.line == line && $0.location.column == column && $0.message.contains(message)
        }
        #expect(match != nil, "expected \(line):\(column): \(message)\ngot:\n\(result.renderedDiagnostics)")
    }
}
