@testable import Controller
import Foundation
import Testing

/// Issue 26: the texts `reconcile adopt` writes — a host file's `stacks:` edited in place, compose scalars that
/// Compose reads back as they were — and the summary line of a pass.
struct AdoptionTextTests {
    @Test(arguments: [
        ("endpoint: unix:///x.sock\n", "endpoint: unix:///x.sock\nstacks: [web, db]\n"),
        ("endpoint: e\nstacks: []                # here\nvlan: main\n", "endpoint: e\nstacks: [web, db]  # here\nvlan: main\n"),
        ("endpoint: e\nstacks: [db, old]\n", "endpoint: e\nstacks: [db, old, web]\n"),
        ("endpoint: e\nstacks:\n    - old\n# data later\ndata: /srv\n", "endpoint: e\nstacks:\n    - old\n    - web\n    - db\n# data later\ndata: /srv\n"),
    ])
    func hostFileGetsTheStacks(_ before: String, _ after: String) throws {
        #expect(try HostFilePlacement.adding(["web", "db"], to: before, file: "hosts/nas.yaml") == after)
    }

    @Test func aStacksValueItCannotEditIsRefusedWithWhatToDo() {
        #expect(throws: AdoptError.self) { try HostFilePlacement.adding(["web"], to: "stacks: web\n", file: "hosts/nas.yaml") }
    }

    @Test func scalarsKeepDollarsAndQuotes() {
        let text = ComposeText.map([("environment", .map([("HASH", .scalar("$2a$14$x\"y\\z")), ("1X", .scalar("a\nb"))]))])
        #expect(text.rendered() == "environment:\n  HASH: \"$$2a$$14$$x\\\"y\\\\z\"\n  \"1X\": \"a\\nb\"\n")
    }

    @Test(arguments: [(Int64(30_000_000_000), "30s"), (90_000_000_000, "1m30s"), (500_000_000, "500ms"), (3_600_000_000_000, "1h")])
    func durationsAsComposeWritesThem(_ ns: Int64, _ text: String) {
        #expect(ServiceText.duration(ns) == text)
    }

    static func host(_ name: String, reachable: Bool = true, error: String? = nil, _ stacks: [StackReport] = []) -> HostReport {
        HostReport(host: name, endpoint: "unix:///\(name).sock", reachable: reachable, error: error, stacks: stacks, requests: 0)
    }

    static func stack(_ name: String, _ outcome: StackReport.Outcome) -> StackReport {
        StackReport(stack: name, outcome: outcome, revision: nil,
                    actions: [ActionReport(kind: outcome == .inSync ? "keep" : "recreate", service: "app", container: nil,
                                           reasons: [], outcome: nil, error: nil)], error: nil)
    }

    @Test func theSummarySaysWhatHappenedHostByHost() {
        let report = PassReport(mode: .apply, commit: nil, startedAt: Date(), finishedAt: Date(), diagnostics: [], hosts: [
            Self.host("nas", reachable: false, error: "GET /_ping: couldn't connect"),
            Self.host("iot", [Self.stack("a", .applied), Self.stack("b", .applied), Self.stack("c", .rolledBack)]),
            Self.host("edge", [Self.stack("d", .inSync)]),
        ])
        #expect(report.summary == "1 host unreachable (nas), 2 stacks changed on iot, 1 stack rolled back on iot (c), in sync on edge")
    }

    @Test func neverInSyncWhenAHostWasNotSeen() {
        let report = PassReport(mode: .plan, commit: nil, startedAt: Date(), finishedAt: Date(), diagnostics: [], hosts: [
            Self.host("nas", reachable: false, error: "unreachable"), Self.host("iot", [Self.stack("a", .inSync)]),
        ])
        #expect(report.summary == "1 host unreachable (nas), in sync on iot")
        let seen = PassReport(mode: .plan, commit: nil, startedAt: Date(), finishedAt: Date(), diagnostics: [],
                              hosts: [Self.host("iot", [Self.stack("a", .inSync)])])
        #expect(seen.summary == "in sync: nothing to do")
    }
}
