import Foundation
@testable import Controller
import Planner
import Testing

/// How a pass that held a stack reads: the error with its position, the stack as `held`, a failing summary.
struct HeldStackReportTests {
    static let error = "stacks/db/compose.yaml:4:1: error: did not find expected node content"

    static func report(mode: PassReport.Mode = .apply) -> PassReport {
        let web = StackReport(planned: StackPlan(stack: "web", spec: nil, actions: []))
        let db = StackReport(planned: StackPlan(stack: "db", spec: nil, actions: [], held: Self.error))
        var report = PassReport(mode: mode, commit: "abc", startedAt: Date(), finishedAt: Date(), diagnostics: [],
                                hosts: [HostReport(host: "nas", endpoint: "unix:///x.sock", reachable: true, error: nil,
                                                   stacks: [web, db], requests: 3)])
        report.heldStacks = ["db"]
        report.heldStackErrors = [Self.error + "\n  web: [unclosed\n^"]
        return report
    }

    @Test func aHeldStackFailsThePassAndIsNeverInSync() {
        let report = Self.report()
        #expect(report.hosts[0].stacks[1].outcome == .held)
        #expect(report.hosts[0].stacks[1].error == Self.error)
        #expect(!report.hosts[0].succeeded)
        #expect(!report.succeeded, "exit code non-zero")
        #expect(report.summary == "1 stack with errors held (db)")
    }

    @Test func theTextNamesTheErrorAndSaysTheOthersGoOn() {
        let text = Self.report().renderText()
        #expect(text.hasPrefix(Self.error + "\n"), "\(text)")
        #expect(text.contains("1 error; nothing of db was applied; the other stacks go on\n"), "\(text)")
        #expect(text.contains("  db: held: \(Self.error)\n"), "\(text)")
        #expect(text.contains("  web: in sync (0 services)\n"), "\(text)")
        #expect(Self.report(mode: .plan).renderText().contains("nothing of db was planned"))
    }

    @Test func withoutHeldStacksNothingChanges() {
        var report = Self.report()
        report.heldStacks = nil
        report.heldStackErrors = nil
        report.hosts[0].stacks.removeLast()
        #expect(report.succeeded)
        #expect(report.summary == "in sync: nothing changed")
    }
}
