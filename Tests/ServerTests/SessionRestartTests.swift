import Foundation
import Testing
@testable import Server

/// Issue 21: a status-page session is a cookie signed with the API token, so it outlives the daemon that made it.
@Suite(.serialized)
struct SessionRestartTests {
    static func start(token: String) async throws -> (RunningDaemon, PassLog) {
        let log = PassLog()
        let daemon = try await RunningDaemon.start(
            settings: DaemonSettings(interval: .seconds(3600), apiToken: Secret(token)),
            source: LocalSource(directory: Fixtures.repo, environment: [:]), runner: FakeRunner(log: log))
        #expect(await eventually { await daemon.daemon.state.status().passes == 1 })
        return (daemon, log)
    }

    @Test func aSessionWorksAfterTheDaemonRestartsAndNotWithAnotherToken() async throws {
        let (first, _) = try await Self.start(token: "restart-token")
        let login = try await first.exchange("POST", "/api/login", body: Data(#"{"token":"restart-token"}"#.utf8))
        #expect(login.status == 200)
        let cookie = try #require(login.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        let csrf = try #require((try JSONSerialization.jsonObject(with: login.body) as? [String: Any])?["csrf"] as? String)
        await first.stop()

        let (second, log) = try await Self.start(token: "restart-token")
        let sync = try await second.request("POST", "/api/actions/sync", headers: ["Cookie": cookie, "X-CSRF-Token": csrf])
        #expect(sync.status == 202, "\(sync.body)")
        #expect(await eventually { await log.allTriggers.contains("web:sync") })
        #expect(try await second.request("GET", "/api/status", headers: ["Cookie": cookie]).status == 200)
        await second.stop()

        let (other, _) = try await Self.start(token: "a-new-token")
        #expect(try await other.request("POST", "/api/actions/sync", headers: ["Cookie": cookie, "X-CSRF-Token": csrf])
            .status == 403)
        #expect(try await other.request("GET", "/api/status", headers: ["Cookie": cookie]).status == 401)
        await other.stop()
    }

    /// The browser keeps its cookie (cookies ignore the port): the restarted daemon's page is signed in at once.
    @Test func theBrowserStaysSignedInAcrossARestart() async throws {
        let (first, _) = try await Self.start(token: "restart-token")
        let browser = try await Browser.launch()
        defer { Task { await browser.quit() } }
        try await browser.navigate("http://127.0.0.1:\(first.port)/")
        try await browser.type("#token", "restart-token")
        try await browser.click("#signin button")
        try await browser.waitFor("button[data-action=sync]")
        try await browser.waitUntil("!document.querySelector('#signedin').hidden", what: "signed in")
        await first.stop()

        let (second, log) = try await Self.start(token: "restart-token")
        try await browser.navigate("http://127.0.0.1:\(second.port)/")
        try await browser.waitUntil("!document.querySelector('#signedin').hidden && document.querySelector('#signin').hidden",
                                    what: "signed in on the restarted daemon")
        try await browser.click("button[data-action=sync]")
        try await browser.waitUntil("document.querySelector('#notice').textContent.includes('queued')", what: "the queued notice")
        #expect(await eventually { await log.allTriggers.contains("web:sync") })
        await browser.quit()
        await second.stop()
    }

    @Test func aTamperedOrExpiredOrSignedOutCookieIsRefused() async throws {
        let clock = TestNow()
        let sessions = WebSessions(secret: Secret("s"), lifetime: .seconds(60), now: { clock.value })
        let session = try #require(await sessions.login(token: "s"))
        let header = "\(WebSessions.cookieName)=\(session.id)"
        #expect(await sessions.authorizesAction(cookieHeader: header, csrf: session.csrf))
        #expect(!(await sessions.authorizesAction(cookieHeader: header, csrf: String(session.csrf.reversed()))))
        // A later expiry written into the cookie breaks its signature.
        let parts = session.id.split(separator: ".").map(String.init)
        let stretched = "\(WebSessions.cookieName)=\(parts[0]).\(Int64(parts[1])! + 86_400).\(parts[2])"
        #expect(await sessions.session(cookieHeader: stretched) == nil)
        clock.advance(61)
        #expect(await sessions.session(cookieHeader: header) == nil, "expired")

        let fresh = try #require(await sessions.login(token: "s"))
        let freshHeader = "\(WebSessions.cookieName)=\(fresh.id)"
        #expect(await sessions.session(cookieHeader: freshHeader) != nil)
        await sessions.logout(cookieHeader: freshHeader)
        #expect(await sessions.session(cookieHeader: freshHeader) == nil, "signed out")
        #expect(await sessions.login(token: "wrong") == nil)
    }
}

/// A settable "now" for the session clock.
final class TestNow: @unchecked Sendable {
    private let lock = NSLock()
    private var now = Date(timeIntervalSince1970: 1_800_000_000)
    var value: Date { lock.withLock { now } }
    func advance(_ seconds: TimeInterval) { lock.withLock { now += seconds } }
}
