import Controller
import Foundation
import Logging
import Store
import Testing
@testable import Server

/// Issue 21 end to end: a daemon in-process follows a real bare repo onto the lab's `nas` engine, and headless
/// Chromium watches its status page: in sync, then a commit that breaks health rolls out live and rolls back,
/// all without a reload. Screenshots land in `.build/screenshots/` (docs/status-*.png are copies of them).
@Suite(.serialized, .enabled(if: Lab.enabled, "needs `scripts/lab up` and RECONCILE_LAB=1"))
struct StatusPageLabTests {
    static func stack(release: String, probe: String) -> String {
        """
        x-reconcile:
          hosts: [nas]
          health: {min_ready: 1s, timeout: 20s}
        services:
          web:
            image: lab/busybox:1
            command: ["sh", "-c", "while true; do sleep 30; done"]
            stop_grace_period: 1s
            labels: {app.release: "\(release)"}
            environment:
              API_TOKEN: "s3cr3t-token-value"
            healthcheck: {test: ["CMD", "sh", "-c", "\(probe)"], interval: 1s, timeout: 2s, retries: 2}
        """
    }

    /// Waits for `condition`; when it never holds, the failure shows what the page's live list did say.
    static func waitShowingSteps(_ browser: Browser, _ condition: String, what: String) async throws {
        do {
            try await browser.waitUntil(condition, what: what, seconds: 60)
        } catch {
            let steps = try await browser.text("""
                [...document.querySelectorAll('#steps li')].map((li) => li.textContent).join('\\n')
                  + '\\nnotice: ' + document.querySelector('#notice').textContent
                  + '\\nlive: ' + document.querySelector('#live').textContent
                  + '\\nview: ' + document.querySelector('#view').textContent.slice(0, 400)
                """)
            Issue.record("\(error); the page said:\n\(steps)")
            throw error
        }
    }

    static var screenshots: URL { Lab.packageRoot.appendingPathComponent(".build/screenshots") }

    @Test func overviewAndLiveRollbackInTheBrowser() async throws {
        let unique = "w" + UUID().uuidString.prefix(8).lowercased()
        let stack = "page\(unique)"
        let repo = try await GitTestRepo.make(hosts: "endpoint: unix://\(Lab.nasSocket)\nvlan: main\n")
        defer { repo.remove(); Lab.removeStack(stack) }
        try repo.write("stacks/\(stack)/compose.yaml", Self.stack(release: "1", probe: "echo probe ok"))
        let first = try await repo.commitAndPush("v1")

        var logger = Logger(label: "lab-status-page")
        logger.logLevel = .warning
        let state = repo.root.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let controller = ControllerSettings(repository: repo.work, stateDirectory: state, stackFilter: [stack],
                                            environment: [:], instance: "it-\(unique)")
        let store = try Store(path: controller.databasePath)
        let daemon = try await RunningDaemon.start(
            settings: DaemonSettings(interval: .seconds(3600), gitPoll: .milliseconds(300), apiToken: Secret("lab-token")),
            source: GitSource(url: repo.bare.path, branch: "main", stateDirectory: state, environment: [:], logger: logger),
            runner: ControllerPassRunner(settings: controller, logger: logger), store: store)
        defer { Task { await daemon.stop() } }
        let status = { await daemon.daemon.state.status() }
        #expect(await eventually(60) { let now = await status(); return now.commit == first && now.lastPass?.outcome == .success })

        let browser = try await Browser.launch()
        defer { Task { await browser.quit() } }
        try await browser.navigate("http://127.0.0.1:\(daemon.port)/")
        try await browser.type("#token", "lab-token")
        try await browser.click("#signin button")
        let badge = "[data-host=nas] [data-stack=\(stack)] .state"
        // State and its words read in one evaluation: a live re-render (a second poll pass) may replace the badge
        // between two reads. A badge in sync whose words are not "in sync" never satisfies this, and the wait fails.
        try await Self.waitShowingSteps(browser, "(b => b?.dataset.state === 'in-sync' && b.textContent === 'in sync')"
                                            + "(document.querySelector('\(badge)'))",
                                        what: "\(stack) in sync, in words")
        let meta = try await browser.text("document.querySelector('[data-host=nas] .meta').textContent")
        #expect(meta.contains("VLAN main") && meta.contains("Docker 20.10") && meta.contains("API 1.41"), "\(meta)")
        #expect(try await browser.evaluate(PageChecks.accessibilityProblems) as? [String] == [])
        try await browser.screenshot(to: Self.screenshots.appendingPathComponent("status-overview.png"))
        try await browser.viewport(width: 390, height: 844)
        #expect(try await browser.evaluate(PageChecks.overflowsSideways(390)) as? Bool == false,
                "the overview scrolls sideways on a phone")
        try await browser.screenshot(to: Self.screenshots.appendingPathComponent("status-overview-phone.png"))
        try await browser.viewport(width: 1280, height: 900)

        // The stack page, then a commit whose probe fails: the page follows the rollout and the rollback live.
        try await browser.evaluate("location.hash = '#/stack/nas/\(stack)'; window.sameDocument = 'yes'")
        try await browser.waitFor("details[data-revision]")
        // Issue 21 follow-up: the stack's containers as the engine shows them now (state, health, started at).
        let row = "#containers tr[data-container='\(stack)-web-1']"
        try await browser.waitUntil("document.querySelector(\"\(row) [data-health]\")?.dataset.health === 'healthy'",
                                    what: "the live container healthy")
        #expect(try await browser.text("document.querySelector(\"\(row) [data-state]\").textContent") == "running")
        let started = try await browser.text("document.querySelector(\"\(row)\").children[4].textContent")
        #expect(started != "—" && !started.isEmpty, "started at: \(started)")
        try repo.write("stacks/\(stack)/compose.yaml", Self.stack(release: "2", probe: "echo probe says no; exit 1"))
        let broken = try await repo.commitAndPush("v2 breaks health")
        try await Self.waitShowingSteps(browser, "document.querySelector('#steps').textContent.includes('gate waiting for healthy')",
                                        what: "the gate waiting live")
        try await browser.waitUntil("document.querySelector('h2 .state')?.dataset.state === 'applying'",
                                    what: "the stack applying")
        try await browser.waitUntil("document.querySelector('#steps').textContent.includes('rollback')",
                                    what: "the rollback step live", seconds: 60)
        // The gate's line ends saying how the wait ended, not a bare "done" before the rollback.
        let gateLine = try await browser.text("""
            [...document.querySelectorAll('#steps li[data-step=gate]')].map((li) => li.textContent).join(' | ')
            """)
        #expect(gateLine.contains("gate waiting for healthy — failed"), "gate lines: \(gateLine)")
        try await browser.waitUntil("document.querySelector('h2 .state')?.dataset.state === 'rolled-back'",
                                    what: "the stack rolled back", seconds: 60)
        #expect(try await browser.text("document.querySelector('h2 .state').textContent") == "rolled back")
        let probe = try await browser.text("document.querySelector('details[data-revision] .probe')?.textContent ?? ''")
        #expect(probe.contains("probe says no"), "probe output: \(probe)")
        #expect(try await browser.evaluate("window.sameDocument") as? String == "yes", "the page was reloaded")
        let changes = try await browser.text("document.querySelector('details[data-revision]').textContent")
        #expect(changes.contains("app.release") && changes.contains("probe says no"), "field diff: \(changes)")
        #expect(!(try await browser.text("document.body.textContent")).contains("s3cr3t"), "a secret is shown")
        #expect(await status().commit == broken)
        #expect(try await browser.evaluate(PageChecks.accessibilityProblems) as? [String] == [])
        try await browser.evaluate("document.querySelector('details[data-revision]').open = true")
        try await browser.screenshot(to: Self.screenshots.appendingPathComponent("status-stack.png"))
        try await browser.viewport(width: 390, height: 844)
        #expect(try await browser.evaluate(PageChecks.overflowsSideways(390)) as? Bool == false,
                "the stack page scrolls sideways on a phone")
        try await browser.screenshot(to: Self.screenshots.appendingPathComponent("status-stack-phone.png"))
        try await browser.viewport(width: 1280, height: 900)

        // Signed in: "retry held back" runs a pass that tries the broken config again (and rolls it back again).
        try await browser.click("button[data-action=retry]")
        try await browser.waitUntil("document.querySelector('#notice').textContent.includes('queued')", what: "retry queued")
        #expect(await eventually(90) { await status().lastPass?.triggers.contains("web:retry:\(stack)") == true })

        // "Roll back to this revision" on the first (applied) revision: the rollback's steps reach the page too.
        try await browser.waitUntil("document.querySelector('#live').textContent === 'live · idle'", what: "the pass over")
        let firstRevision = try await browser.text("[...document.querySelectorAll('details[data-revision]')].pop().dataset.revision")
        try await browser.waitUntil("(d => { d.open = true; return d.open; })(document.querySelector(\"details[data-revision='\(firstRevision)']\"))",
                                    what: "revision \(firstRevision) opened")
        try await browser.click("details[data-revision='\(firstRevision)'] button[data-action=rollback]")
        try await browser.waitUntil("document.querySelector('#notice').textContent.includes('back to revision \(firstRevision)')",
                                    what: "the rollback accepted")
        try await browser.waitUntil("document.querySelector('#steps').textContent.includes('web:rollback:\(stack)@\(firstRevision)')",
                                    what: "the rollback started live", seconds: 60)
        try await Self.waitShowingSteps(browser, "document.querySelector('#steps').textContent.includes('pass finished: rollback done')",
                                        what: "the rollback finished")
        #expect(Lab.isRunning("\(stack)-web-1"))
        await browser.quit()
        await daemon.stop()
    }
}
