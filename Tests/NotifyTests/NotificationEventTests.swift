import Controller
import Foundation
import Testing
@testable import Notify

/// Which parts of a pass are news, and how they read.
@Suite struct NotificationEventTests {
    @Test func onlyChangesFailuresAndRollbacksAreNews() throws {
        let report = try fixture("pass-rolled-back", as: PassReport.self)
        let events = NotificationEvent.events(from: report)
        #expect(events.map(\.event) == [.rolledBack, .applied, .failed])
        #expect(events.map { [$0.host ?? "", $0.stack ?? ""] } == [["nas", "web"], ["nas", "media"], ["iot", ""]])
        #expect(events[0].changes.map(\.kind) == ["pull", "recreate"])
        #expect(events[1].changes.map(\.service) == ["jellyfin"], "kept services are not listed")
    }

    @Test func plansProduceNothing() throws {
        var report = try fixture("pass-rolled-back", as: PassReport.self)
        report.mode = .plan
        #expect(NotificationEvent.events(from: report).isEmpty)
    }

    @Test func aPassThatRefusedToLoadIsInvalid() throws {
        var report = try fixture("pass-rolled-back", as: PassReport.self)
        report.diagnostics = ["hosts/nas.yaml:1:1: error: x", "hosts/nas.yaml:2:1: error: y"]
        let events = NotificationEvent.events(from: report)
        #expect(events.map(\.event) == [.invalid])
        let message = NotificationMessage(try #require(events.first))
        #expect(message.title == "reconcile: commit 9f8e7d6c5b4a refused")
        #expect(message.body.hasPrefix("2 errors; nothing was applied (commit 9f8e7d6c5b4a)\n"))
    }

    /// A commit applied without its broken stacks says which stacks were held, not that nothing was applied.
    @Test func aCommitThatHoldsStacksSaysWhich() {
        let event = NotificationEvent(event: .invalid, commit: "9f8e7d6c5b4a3210", diagnostics: ["stacks/db/compose.yaml:3:1: error: x"],
                                      heldStacks: ["db"])
        let message = NotificationMessage(event)
        #expect(message.title == "reconcile: commit 9f8e7d6c5b4a holds db")
        #expect(message.body.hasPrefix("1 error; nothing of db was applied, the other stacks were (commit 9f8e7d6c5b4a)\n"),
                "\(message.body)")
        #expect(message.body.contains("stacks/db/compose.yaml:3:1: error: x"))
    }

    @Test func longHealthLogsAreCut() {
        let event = NotificationEvent(event: .failed, host: "nas", stack: "web",
                                      error: String(repeating: "log line\n", count: 1000))
        let message = NotificationMessage(event)
        #expect(message.body.count <= NotificationMessage.maxBodyCharacters + 10)
        #expect(message.body.hasSuffix("…(cut)"))
    }
}
