import Foundation
import Testing
@testable import Store

/// The revision history: round trip, filters, limits, newest-first order, latest by outcome.
@Suite struct RevisionTests {
    let directory: TemporaryDirectory
    let store: Store

    init() throws {
        directory = try TemporaryDirectory()
        store = try Store(path: directory.databaseURL)
    }

    @Test(arguments: RevisionOutcome.allCases)
    func everyFieldRoundTrips(outcome: RevisionOutcome) async throws {
        let revision = Samples.revision(outcome: outcome)
        let id = try await store.insertRevision(revision)
        let stored = try #require(try await store.revision(id: id))
        #expect(stored.id == id)
        #expect(stored.revision == revision)
        #expect(stored.outcome == outcome && stored.host == "nas" && stored.actions.count == 2)
    }

    @Test func missingCommitAndEmptyCollectionsRoundTrip() async throws {
        let bare = NewRevision(host: "vm1", stack: "dns", trigger: .timer, startedAt: Samples.start,
                               finishedAt: Samples.start, outcome: .failed, spec: "{}")
        let id = try await store.insertRevision(bare)
        #expect(try await store.revision(id: id)?.revision == bare)
        #expect(try await store.revision(id: id + 1) == nil)
    }

    @Test func outcomeIsStoredAsItsAuditName() async throws {
        let id = try await store.insertRevision(Samples.revision(outcome: .rolledBack))
        let raw = try Connection(path: directory.databaseURL.path)
        let text = try raw.queryFirst("SELECT outcome, json_extract(digests, '$.jellyfin') FROM revisions WHERE id = ?",
                                      [.integer(id)]) { ($0.string(at: 0), $0.string(at: 1)) }
        #expect(text?.0 == "rolled_back")
        #expect(text?.1 == "sha256:aa11", "JSON columns are plain TEXT that SQLite's JSON functions read")
    }

    @Test func listsNewestFirstWithFiltersAndLimit() async throws {
        var ids: [String: [Int64]] = [:]
        for minute in 0..<12 {
            let host = minute.isMultiple(of: 2) ? "nas" : "vm1"
            let stack = minute % 3 == 0 ? "media" : "dns"
            let id = try await store.insertRevision(Samples.revision(host: host, stack: stack, minute: minute))
            ids["\(host)/\(stack)", default: []].append(id)
        }
        let all = try await store.revisions(limit: 100)
        #expect(all.count == 12)
        #expect(all.map(\.id) == all.map(\.id).sorted(by: >), "newest first")

        let nasMedia = try await store.revisions(host: "nas", stack: "media")
        #expect(nasMedia.map(\.id) == ids["nas/media", default: []].reversed())
        #expect(nasMedia.allSatisfy { $0.host == "nas" && $0.stack == "media" })

        let vm1 = try await store.revisions(host: "vm1")
        #expect(vm1.count == 6 && vm1.allSatisfy { $0.host == "vm1" })
        let dns = try await store.revisions(stack: "dns")
        #expect(dns.count == 8 && dns.allSatisfy { $0.stack == "dns" })

        let limited = try await store.revisions(limit: 3)
        #expect(limited.map(\.id) == Array(all.prefix(3).map(\.id)))
        #expect(try await store.revisions(limit: 0).isEmpty)
        #expect(try await store.revisions(host: "nowhere").isEmpty)
    }

    @Test func latestRevisionHonoursHostStackAndOutcome() async throws {
        let firstApplied = try await store.insertRevision(Samples.revision(outcome: .applied, minute: 0))
        let lastApplied = try await store.insertRevision(Samples.revision(outcome: .applied, minute: 1))
        let rolledBack = try await store.insertRevision(Samples.revision(outcome: .rolledBack, minute: 2))
        _ = try await store.insertRevision(Samples.revision(host: "vm1", outcome: .applied, minute: 3))

        #expect(try await store.latestRevision(host: "nas", stack: "media")?.id == rolledBack)
        #expect(try await store.latestRevision(host: "nas", stack: "media", outcome: .applied)?.id == lastApplied)
        #expect(try await store.latestRevision(host: "nas", stack: "media", outcome: .failed) == nil)
        #expect(try await store.latestRevision(host: "nas", stack: "dns") == nil)
        #expect(firstApplied < lastApplied)
    }

    @Test func handEditedJSONGivesAnErrorNamingTheCell() async throws {
        let id = try await store.insertRevision(Samples.revision())
        try Connection(path: directory.databaseURL.path)
            .execute("UPDATE revisions SET actions = '[{' WHERE id = ?", [.integer(id)])
        let error = try await #require(throws: StoreError.self) { try await store.revision(id: id) }
        guard case let .corruptColumn(table, column, rowID, _) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(table == "revisions" && column == "actions" && rowID == id)
    }

    @Test func hostStackQueriesUseTheIndex() throws {
        let raw = try Connection(path: directory.databaseURL.path)
        let plan = try raw.query("""
            EXPLAIN QUERY PLAN SELECT id FROM revisions WHERE host = 'nas' AND stack = 'media' ORDER BY id DESC
            """) { $0.string(at: 3) }
        #expect(plan.contains { $0.contains("revisions_by_host_stack") }, "plan was \(plan)")
    }
}
