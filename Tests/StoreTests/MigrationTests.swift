import Foundation
import Testing
@testable import Store

/// Schema versions by `PRAGMA user_version`: from empty, re-open, partial failure, newer files.
@Suite struct MigrationTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    private func rawConnection() throws -> Connection {
        try Connection(path: directory.databaseURL.path)
    }

    private func tables(_ connection: Connection) throws -> Set<String> {
        Set(try connection.query("SELECT name FROM sqlite_master WHERE type = 'table'") { $0.string(at: 0) })
    }

    @Test func emptyFileMigratesToLatestAndReopenIsANoOp() throws {
        let connection = try rawConnection()
        let migrator = Migrator(migrations: Schema.migrations)
        #expect(try connection.userVersion == 0)
        #expect(try migrator.migrate(connection) == Array(1...Schema.migrations.count))
        #expect(try connection.userVersion == Schema.migrations.count)
        #expect(try tables(connection).isSuperset(of: [
            "revisions", "service_configs", "operations", "operation_steps", "held_back", "key_values",
        ]))
        #expect(try migrator.migrate(connection) == [], "a second run applies nothing")
        #expect(try migrator.migrate(try rawConnection()) == [], "nor does a fresh connection")
    }

    @Test func storeReopensItsOwnFileWithDataIntact() async throws {
        let first = try Store(path: directory.databaseURL)
        let id = try await first.insertRevision(Samples.revision())
        try await first.setValue("v1", forKey: "k")
        let second = try Store(path: directory.databaseURL)
        #expect(try await second.revision(id: id)?.host == "nas")
        #expect(try await second.value(forKey: "k") == "v1")
        #expect(try rawConnection().userVersion == Schema.migrations.count)
    }

    @Test func onlyMigrationsAboveTheCurrentVersionRun() throws {
        let connection = try rawConnection()
        try Migrator(migrations: ["CREATE TABLE one (x)"]).migrate(connection)
        let grown = Migrator(migrations: ["CREATE TABLE one (x)", "CREATE TABLE two (y)"])
        #expect(try grown.migrate(connection) == [2], "migration 1 would fail if it ran again")
        #expect(try tables(connection) == ["one", "two"])
    }

    @Test func failingMigrationRollsBackToThePreviousVersion() throws {
        let connection = try rawConnection()
        let migrator = Migrator(migrations: [
            "CREATE TABLE one (x)",
            "CREATE TABLE half (y); INSERT INTO missing VALUES (1);",
        ])
        let error = try #require(throws: StoreError.self) { try migrator.migrate(connection) }
        guard case let .migrationFailed(_, version, underlying) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(version == 2)
        #expect(underlying.message.contains("missing"))
        #expect(try connection.userVersion == 1, "version 1 committed, version 2 did not")
        #expect(try tables(connection) == ["one"], "the half-run migration left no table behind")
        #expect(!connection.isInTransaction)
    }

    @Test func databaseFromANewerReconcileIsRefusedClearly() throws {
        try rawConnection().execute("PRAGMA user_version = 99")
        let error = try #require(throws: StoreError.self) { try Store(path: directory.databaseURL) }
        #expect(error == .schemaTooNew(path: directory.databaseURL.path, found: 99,
                                       supported: Schema.migrations.count))
        #expect(error.description.contains("schema version 99"))
        #expect(error.description.contains("understands up to \(Schema.migrations.count)"))
        #expect(try rawConnection().userVersion == 99, "the newer file was not touched")
    }
}

/// Schema version 7 (issue 23): one spelling per state, read back as enums; unknown values are refused by row.
@Suite struct StateSpellingMigrationTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// A file at schema version 5 with rows as that version wrote them: a rolled-back action spelled `rolled-back`.
    private func version5File() throws -> Connection {
        let connection = try Connection(path: directory.databaseURL.path)
        try Migrator(migrations: Array(Schema.migrations.prefix(5))).migrate(connection)
        try connection.executeScript("""
            INSERT INTO revisions (id, host, stack, git_commit, trigger_reason, started_at, finished_at, outcome,
                                   spec, digests, actions, error, health_log, triggers)
            VALUES (1, 'nas', 'web', NULL, 'registry', 1764000000000, 1764000001000, 'rolled_back', '{}', '{}',
                    '[{"kind":"recreate","outcome":"rolled-back","reasons":["image digest changed"],"service":"app"},'
                    || '{"kind":"create","outcome":"skipped","reasons":["new service; note \\"outcome\\":\\"rolled-back\\""],"service":"db"}]',
                    'app: unhealthy', '[]', '["registry:lab/app:2"]');
            INSERT INTO operations (id, host, stack, service, kind, payload, started_at, owner)
            VALUES (4, 'nas', 'web', 'app', 'recreate', '{"name":"web-app-1","newHash":"h"}', 1764000000500, NULL);
            INSERT INTO operation_steps (operation_id, step, detail, recorded_at) VALUES
                (4, 'create-new', 'web-app-1.next', 1764000000600),
                (4, 'restore-data', 'web-app-data', 1764000000700);
            """)
        return connection
    }

    @Test func version5SpellingsReadBackAsTheNewEnums() async throws {
        let raw = try version5File()
        let store = try Store(path: directory.databaseURL)
        #expect(try raw.userVersion == Schema.migrations.count)

        let revision = try #require(try await store.revision(id: 1))
        #expect(revision.trigger == .registry)
        #expect(revision.outcome == .rolledBack)
        #expect(revision.actions.map(\.outcome) == [.rolledBack, .skipped])
        #expect(revision.actions[1].reasons == [#"new service; note "outcome":"rolled-back""#],
                "text inside a reason is not rewritten")
        let stored = try raw.query("SELECT actions FROM revisions WHERE id = 1") { $0.string(at: 0) }
        #expect(stored.first?.contains(#""outcome":"rolled_back""#) == true)

        let operation = try #require(try await store.unfinishedOperations().first)
        #expect(operation.intent.kind == .recreate)
        #expect(operation.steps.map(\.step) == [.createNew, .restoreData])
    }

    @Test func unknownStoredValuesAreRefusedNamingTheRow() async throws {
        let raw = try version5File()
        try raw.executeScript("""
            INSERT INTO operation_steps (operation_id, step, detail, recorded_at) VALUES (4, 'teleport', NULL, 1764000000800);
            UPDATE revisions SET trigger_reason = 'carrier-pigeon' WHERE id = 1;
            """)
        let store = try Store(path: directory.databaseURL)

        let stepError = try await #require(throws: StoreError.self) { try await store.unfinishedOperations() }
        #expect(stepError == .unknownValue(table: "operation_steps", column: "step", rowID: 3, value: "teleport"))
        #expect(stepError.description.contains("'teleport' in operation_steps.step of row 3"))

        let triggerError = try await #require(throws: StoreError.self) { try await store.revision(id: 1) }
        #expect(triggerError == .unknownValue(table: "revisions", column: "trigger_reason", rowID: 1,
                                              value: "carrier-pigeon"))
        #expect(triggerError.description.contains("restore a backup"))
    }
}
