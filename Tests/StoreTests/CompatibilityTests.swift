import Foundation
import Testing
@testable import Store

/// Files written by earlier schema versions open, migrate and read back through today's API.
@Suite struct CompatibilityTests {
    let directory: TemporaryDirectory
    let store: Store

    /// Builds a database from the frozen version-1 fixture, then opens it as reconcile would.
    init() throws {
        directory = try TemporaryDirectory()
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures/schema-v1-with-data", withExtension: "sql"))
        try Connection(path: directory.databaseURL.path).executeScript(String(contentsOf: fixture, encoding: .utf8))
        store = try Store(path: directory.databaseURL)
    }

    @Test func version1FileMigratesToTheLatestVersion() throws {
        #expect(try Connection(path: directory.databaseURL.path).userVersion == Schema.migrations.count)
    }

    @Test func version1RevisionReadsBackWithEveryField() async throws {
        let record = try #require(try await store.revision(id: 7))
        let at = Date(timeIntervalSince1970: 1_764_000_000.125)
        #expect(record.revision == NewRevision(
            host: "nas", stack: "media", commit: "3f2a9c1e", trigger: .webhook,
            startedAt: at, finishedAt: at.addingTimeInterval(12.5), outcome: .rolledBack,
            spec: #"{"services":{"jellyfin":{"image":"jellyfin/jellyfin:10.9"}}}"#,
            digests: ["jellyfin": "sha256:aa11"],
            actions: [ActionRecord(kind: "recreate", service: "jellyfin", reasons: ["image digest changed"],
                                   outcome: .rolledBack, error: "unhealthy")],
            error: "jellyfin unhealthy after 30 s", healthLog: ["curl: (7) connection refused"],
            triggers: ["webhook", "git"]))
        let next = try await store.insertRevision(Samples.revision())
        #expect(next == 8, "new ids continue after the old file's")
    }

    @Test func version1UnfinishedOperationIsStillRecoverable() async throws {
        let unfinished = try await store.unfinishedOperations()
        #expect(unfinished.map(\.id) == [3])
        #expect(unfinished.first?.steps.map(\.step) == [.createNew, .stopOld])
        #expect(unfinished.first?.steps.first?.recordedAt == Date(timeIntervalSince1970: 1_764_000_002))
        try await store.finishOperation(op: 3, outcome: .settled(.reverted))
        #expect(try await store.unfinishedOperations().isEmpty)
    }

    @Test func version1SmallStateReadsBack() async throws {
        #expect(try await store.heldBack(host: "nas", stack: "media", service: "jellyfin")?.hash == "c0ffee")
        #expect(try await store.serviceConfig(hash: "c0ffee") == #"{"image":"jellyfin@sha256:aa11"}"#)
        #expect(try await store.value(forKey: "digest:jellyfin/jellyfin:10.9") == "sha256:aa11")
    }
}
