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
