import Controller
import Foundation
import Testing
@testable import Server

/// The status page served by a real daemon (fake passes), in headless Chromium: sign-in, refused actions,
/// CSRF, page weight, labels. The lab tests (StatusPageLabTests) show real rollouts.
@Suite(.serialized)
struct StatusPageTests {
    static func daemon(token: String? = "page-token") async throws -> (RunningDaemon, PassLog) {
        let log = PassLog()
        let daemon = try await RunningDaemon.start(
            settings: DaemonSettings(interval: .seconds(3600), apiToken: token.map(Secret.init)),
            source: LocalSource(directory: Fixtures.repo, environment: [:]), runner: FakeRunner(log: log))
        #expect(await eventually { await daemon.daemon.state.status().passes == 1 })
        return (daemon, log)
    }

    @Test func pageIsSmallAndSelfContained() async throws {
        let (daemon, _) = try await Self.daemon()
        var total = 0
        for path in ["/", "/status.js", "/status.css"] {
            let response = try await daemon.exchange("GET", path)
            #expect(response.status == 200, "\(path)")
            total += response.body.count
            if path == "/" {
                #expect(response.headers["content-security-policy"]?.contains("script-src 'self'") == true)
                let html = String(decoding: response.body, as: UTF8.self)
                #expect(!html.contains("http://") && !html.contains("https://"), "the page loads nothing from elsewhere")
            }
        }
        #expect(total < 100 * 1024, "the page weighs \(total) bytes")
        await daemon.stop()
    }

    @Test func actionsNeedASessionAndItsCSRFToken() async throws {
        let (daemon, log) = try await Self.daemon()
        #expect(try await daemon.request("POST", "/api/actions/sync").status == 403)
        #expect(try await daemon.request("POST", "/api/login", body: Data(#"{"token":"wrong"}"#.utf8)).status == 401)
        let login = try await daemon.exchange("POST", "/api/login", body: Data(#"{"token":"page-token"}"#.utf8))
        #expect(login.status == 200)
        let cookieLine = try #require(login.headers["set-cookie"])
        #expect(cookieLine.contains("HttpOnly") && cookieLine.contains("SameSite=Strict") && !cookieLine.contains("Secure"))
        let cookie = try #require(cookieLine.split(separator: ";").first.map(String.init))
        let csrf = try #require((try JSONSerialization.jsonObject(with: login.body) as? [String: Any])?["csrf"] as? String)
        // The cookie alone (what a cross-site form would send) is refused; so is a wrong token.
        #expect(try await daemon.request("POST", "/api/actions/sync", headers: ["Cookie": cookie]).status == 403)
        #expect(try await daemon.request("POST", "/api/actions/sync",
                                         headers: ["Cookie": cookie, "X-CSRF-Token": (csrf.hasPrefix("0") ? "1" : "0") + csrf.dropFirst()])
            .status == 403)
        #expect(await log.count == 1)
        let sync = try await daemon.request("POST", "/api/actions/sync", headers: ["Cookie": cookie, "X-CSRF-Token": csrf])
        #expect(sync.status == 202, "\(sync.body)")
        #expect(await eventually { await log.allTriggers.contains("web:sync") })
        let retry = try await daemon.request("POST", "/api/actions/retry", headers: ["Cookie": cookie, "X-CSRF-Token": csrf],
                                             body: Data(#"{"stack":"web"}"#.utf8))
        #expect(retry.status == 202)
        #expect(await eventually { await log.requests.contains { $0.retry == ["web"] } })
        // A body that is not the action's JSON is refused, not run with its fields missing.
        let garbled = try await daemon.request("POST", "/api/actions/retry", headers: ["Cookie": cookie, "X-CSRF-Token": csrf],
                                               body: Data(#"{"stack":7}"#.utf8))
        #expect(garbled.status == 400 && garbled.body.contains("not JSON of"), "\(garbled)")
        // Behind a TLS proxy the cookie is Secure as well.
        let secure = try await daemon.exchange("POST", "/api/login", headers: ["X-Forwarded-Proto": "https"],
                                               body: Data(#"{"token":"page-token"}"#.utf8))
        #expect(secure.headers["set-cookie"]?.hasSuffix("; Secure") == true)
        #expect(try await daemon.request("POST", "/api/logout", headers: ["Cookie": cookie]).status == 200)
        #expect(try await daemon.request("POST", "/api/actions/sync", headers: ["Cookie": cookie, "X-CSRF-Token": csrf])
            .status == 403)
        await daemon.stop()
    }

    @Test func signingInThroughThePageUnlocksTheActions() async throws {
        let (daemon, log) = try await Self.daemon()
        let browser = try await Browser.launch()
        defer { Task { await browser.quit() } }
        try await browser.navigate("http://127.0.0.1:\(daemon.port)/")
        // With a token configured even loopback readers sign in first.
        try await browser.waitUntil("document.querySelector('#view').textContent.includes('Sign in')", what: "the sign-in prompt")
        #expect(try await browser.evaluate(PageChecks.accessibilityProblems) as? [String] == [])
        try await browser.type("#token", "page-token")
        try await browser.click("#signin button")
        try await browser.waitFor("button[data-action=sync]")
        #expect(try await browser.evaluate("document.cookie") as? String == "", "the session cookie is HttpOnly")
        try await browser.click("button[data-action=sync]")
        try await browser.waitUntil("document.querySelector('#notice').textContent.includes('queued')", what: "the queued notice")
        #expect(await eventually { await log.allTriggers.contains("web:sync") })
        #expect(try await browser.evaluate(PageChecks.accessibilityProblems) as? [String] == [])
        try await browser.click("#signout")
        try await browser.waitUntil("!document.querySelector('#signin').hidden", what: "the sign-in form again")
        await browser.quit()
        await daemon.stop()
    }

    /// On loopback without a token the page is open to read, but its buttons change nothing without a session.
    @Test func actionsFromThePageAreRefusedWithoutASession() async throws {
        let (daemon, log) = try await Self.daemon(token: nil)
        let browser = try await Browser.launch()
        defer { Task { await browser.quit() } }
        try await browser.navigate("http://127.0.0.1:\(daemon.port)/")
        try await browser.click("button[data-action=sync]")
        try await browser.waitUntil("document.querySelector('#notice').textContent.startsWith('refused')", what: "the refusal")
        #expect(try await browser.text("document.querySelector('#notice').textContent").contains("sign in"))
        #expect(try await browser.evaluate("document.querySelector('#signin').hidden") as? Bool == true,
                "no token, no sign-in form")
        #expect(await log.count == 1)
        await browser.quit()
        await daemon.stop()
    }

    @Test func readsNeedTheSessionWhenATokenIsSet() async throws {
        let (daemon, _) = try await Self.daemon()
        #expect(try await daemon.request("GET", "/api/stack?host=nas&stack=web").status == 401)
        #expect(try await daemon.request("GET", "/api/status").status == 401)
        let login = try await daemon.exchange("POST", "/api/login", body: Data(#"{"token":"page-token"}"#.utf8))
        let cookie = try #require(login.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        let stack = try await daemon.request("GET", "/api/stack?host=nas&stack=web", headers: ["Cookie": cookie])
        #expect(stack.status == 200, "\(stack.body)")
        #expect(stack.body.contains(#""stack" : "web""#))
        #expect(try await daemon.request("GET", "/api/status", headers: ["Cookie": cookie]).status == 200)
        await daemon.stop()
    }
}
