import Controller
import Foundation
import Store
import Testing
@testable import Server

/// Issue 21 with issue 19's update policies: the images page lists open version updates from the store
/// (current → candidate, policy, found at); "Skip" needs a session and its CSRF token, as the other actions.
@Suite(.serialized)
struct StatusPageUpdatesTests {
    static func daemon() async throws -> (RunningDaemon, Store, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("page-updates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try Store(path: folder.appendingPathComponent("reconcile.sqlite"))
        let log = PassLog()
        let daemon = try await RunningDaemon.start(
            settings: DaemonSettings(interval: .seconds(3600), apiToken: Secret("page-token")),
            source: LocalSource(directory: Fixtures.repo, environment: [:]), runner: FakeRunner(log: log), store: store)
        #expect(await eventually { await daemon.daemon.state.status().passes == 1 })
        return (daemon, store, folder)
    }

    static func record(_ store: Store, service: String, candidate: String, state: VersionUpdateRecord.State,
                       pushed: Bool = false) async throws -> Int64 {
        let found = Date(timeIntervalSince1970: 1_790_000_000)
        let record = VersionUpdateRecord(stack: "web", service: service, image: "127.0.0.1:5000/lab/app", currentTag: "1.2.0",
                                         candidateTag: candidate, step: "minor", mode: "approve", state: state,
                                         foundAt: found)
        let id = try await store.recordVersionUpdate(record).record.id
        // Recording keeps what was found; the commit and push come later, as in a real round.
        if pushed { try await store.updateVersionUpdate(id: id, state: state, commit: "abc", pushedAt: found) }
        return id
    }

    @Test func imagesPageListsOpenUpdatesAndSkipsOneWithASession() async throws {
        let (daemon, store, folder) = try await Self.daemon()
        defer { try? FileManager.default.removeItem(at: folder) }
        let open = try await Self.record(store, service: "api", candidate: "1.3.0", state: .pending)
        let told = try await Self.record(store, service: "worker", candidate: "2.0.0", state: .notified)
        _ = try await Self.record(store, service: "old", candidate: "1.2.1", state: .committed, pushed: true)
        _ = try await Self.record(store, service: "gone", candidate: "1.2.2", state: .skipped)

        // Without a session the skip is refused and the update stays open.
        let refused = try await daemon.request("POST", "/api/actions/skip-update", body: Data(#"{"update":\#(open)}"#.utf8))
        #expect(refused.status == 403)
        #expect(try await store.versionUpdate(id: open)?.state == .pending)

        let browser = try await Browser.launch()
        defer { Task { await browser.quit() } }
        try await browser.navigate("http://127.0.0.1:\(daemon.port)/#/images")
        try await browser.type("#token", "page-token")
        try await browser.click("#signin button")
        try await browser.waitFor("tr[data-update='\(open)'] button[data-action=skip-update]")
        let rows = try await browser.text("[...document.querySelectorAll('tr[data-update]')].map((r) => r.textContent).join('\\n')")
        #expect(rows.contains("web/api") && rows.contains("1.2.0 → 1.3.0") && rows.contains("approve, minor")
                && rows.contains("waits for approval") && rows.contains("reconcile updates approve \(open)"), "\(rows)")
        #expect(rows.contains("2.0.0") && rows.contains("told about"), "\(rows)")
        #expect(!rows.contains("1.2.1") && !rows.contains("1.2.2"), "pushed and skipped updates are not open: \(rows)")
        #expect(try await browser.evaluate(PageChecks.accessibilityProblems) as? [String] == [])

        try await browser.click("tr[data-update='\(open)'] button[data-action=skip-update]")
        try await browser.waitUntil("document.querySelector('#notice').textContent.includes('skipped update \(open)')",
                                    what: "the skip accepted")
        try await browser.waitUntil("!document.querySelector(\"tr[data-update='\(open)']\")", what: "the skipped row gone")
        #expect(try await store.versionUpdate(id: open)?.state == .skipped)
        #expect(try await store.versionUpdate(id: told)?.state == .notified)
        await browser.quit()
        await daemon.stop()
    }
}
