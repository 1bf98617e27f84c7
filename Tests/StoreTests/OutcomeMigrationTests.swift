import Foundation
import Testing
@testable import Store

/// Schema version 8 (issue 23): operation outcomes of earlier versions become today's words, or `earlier: …`.
@Suite struct OutcomeMigrationTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// The outcomes reconcile wrote before they were typed (the first recovery's words, the first rollout's
    /// `reverted`), and today's, each on its own finished operation, in a file at schema version 7.
    static let storedBefore: [(id: Int64, kind: String, outcome: String)] = [
        (1, "recreate", "recovered: completed (new container healthy, previous removed)"),
        (2, "recreate", "recovered: reverted to the previous container"),
        (3, "recreate", "recovered: previous container kept"),
        (4, "create", "recovered: half-made container removed"),
        (5, "recreate", "reverted"),
        (6, "remove", "recovered: removal completed"),
        (7, "create", "recovered: completed"),
        (8, "recreate", "recovered: nothing was left to undo"),
        (9, "recreate", "done"),
        (10, "create", "rolled_back"),
        (11, "recreate", "recovered: settled: reverted to the previous container and its data"),
        (12, "recreate", "recovered: unreadable payload, nothing done"),
    ]

    private func version7File(extraOutcome: String? = nil) throws -> Connection {
        let connection = try Connection(path: directory.databaseURL.path)
        try Migrator(migrations: Array(Schema.migrations.prefix(7))).migrate(connection)
        var rows = Self.storedBefore
        if let extraOutcome { rows.append((13, "recreate", extraOutcome)) }
        for row in rows {
            try connection.execute("""
                INSERT INTO operations (id, host, stack, service, kind, payload, started_at, finished_at, outcome)
                VALUES (?, 'nas', 'web', 'app', ?, '{"name":"web-app-1","newHash":"h"}', 1764000000000, 1764000001000, ?)
                """, [.integer(row.id), .text(row.kind), .text(row.outcome)])
        }
        try connection.execute("""
            INSERT INTO operations (id, host, stack, service, kind, payload, started_at) \
            VALUES (20, 'nas', 'web', 'app', 'recreate', '{}', 1764000002000)
            """)
        return connection
    }

    @Test func earlierOutcomesReadBackAsTheCasesThatSayTheSame() async throws {
        let raw = try version7File()
        let store = try Store(path: directory.databaseURL)
        #expect(try raw.userVersion == Schema.migrations.count)

        var read: [OperationOutcome?] = []
        for row in Self.storedBefore { read.append(try await store.operation(id: row.id)?.outcome) }
        #expect(read == [
            .recovered(.keptNewRemovedPrevious), .recovered(.reverted), .recovered(.reverted), .recovered(.removedNew),
            .earlier("reverted"), .earlier("recovered: removal completed"), .earlier("recovered: completed"),
            .earlier("recovered: nothing was left to undo"),
            .done, .rolledBack, .recovered(.revertedWithData), .recoveredUnreadablePayload,
        ])
        let stored = try raw.query("SELECT outcome FROM operations WHERE id IN (1, 5, 9) ORDER BY id") { $0.string(at: 0) }
        #expect(stored == ["recovered: settled: completed (the new container is healthy; the previous one was removed)",
                           "earlier: reverted", "done"], "readable words, and today's left as they were")
        #expect(try await store.unfinishedOperations().map(\.id) == [20], "an open operation stays open")
    }

    @Test func anOutcomeNoVersionWroteIsRefusedNamingTheRow() async throws {
        _ = try version7File(extraOutcome: "teleported")
        let store = try Store(path: directory.databaseURL)

        let error = try await #require(throws: StoreError.self) { try await store.operation(id: 13) }
        #expect(error == .unknownValue(table: "operations", column: "outcome", rowID: 13, value: "teleported"))
        #expect(error.description.contains("'teleported' in operations.outcome of row 13"))
        await #expect(throws: StoreError.unknownValue(table: "operations", column: "outcome", rowID: 13,
                                                      value: "teleported")) {
            try await store.recordStep(op: 13, step: .health)
        }
        #expect(try await store.operation(id: 9)?.outcome == .done, "other rows read on")
    }
}
