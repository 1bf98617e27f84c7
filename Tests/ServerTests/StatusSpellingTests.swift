import Controller
import Foundation
import Testing
@testable import Server

/// The daemon's typed states (issue 23) keep the JSON words `/api/status`, `/api/events` and the page's script use.
struct StatusSpellingTests {
    /// The JSON object of each SSE message, without its `at` (a clock reading).
    private func objects(_ messages: [String]) throws -> [[String: String]] {
        try messages.map { message in
            let data = try #require(message.split(separator: "\n").first { $0.hasPrefix("data: ") }?.dropFirst(6))
            var object = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
            #expect(object.removeValue(forKey: "at") is String)
            return object.compactMapValues { $0 as? String }
        }
    }

    @Test func passEventsCarryTheWordsThePageShows() async throws {
        let events = LiveEvents()
        var stream = events.subscribe().makeAsyncIterator()
        events.passStarted(triggers: ["timer", "git:abc"])
        events.passFinished(.success, commit: "abc")
        events.passFinished(.failure, commit: nil)
        events.passFinished(.error, commit: nil)
        events.passFinished(.rollbackFailed(host: "nas", reason: "engine said no"), commit: nil)
        events.passFinished(.rollbackError(reason: "no such revision"), commit: nil)
        var messages: [String] = []
        for _ in 0..<6 { messages.append(try #require(await stream.next())) }
        #expect(messages.map { $0.split(separator: "\n")[1] } == ["event: pass-started"] + Array(repeating: "event: pass-finished", count: 5))
        #expect(try objects(messages) == [
            ["kind": "pass-started", "outcome": "timer, git:abc"],
            ["kind": "pass-finished", "outcome": "success", "commit": "abc"],
            ["kind": "pass-finished", "outcome": "failure"],
            ["kind": "pass-finished", "outcome": "error"],
            ["kind": "pass-finished", "outcome": "rollback failed on nas: engine said no"],
            ["kind": "pass-finished", "outcome": "rollback failed: no such revision"],
        ])
        events.finishAll()
    }

    @Test func aRollbackEndsAsItsFirstFailingHostSays() throws {
        func report(_ results: String) throws -> RollbackReport {
            try JSONDecoder().decode(RollbackReport.self, from: Data(#"{"stack": "web", "results": [\#(results)]}"#.utf8))
        }
        func host(_ name: String, _ outcome: String, error: String? = nil) -> String {
            #"{"host": "\#(name)", "stack": "web", "outcome": "\#(outcome)", "actions": [], "heldBack": {}, "healthLog": []"#
                + (error.map { #", "error": "\#($0)"}"# } ?? "}")
        }
        #expect(PassEnd(try report("")) == .rollbackFoundNoHost)
        #expect(PassEnd(try report(host("nas", "applied"))) == .rollbackDone)
        #expect(PassEnd(try report(host("nas", "applied") + ", " + host("iot", "rolled-back")))
                == .rollbackFailed(host: "iot", reason: "rolled-back"))
        let failed = PassEnd(try report(host("edge", "failed", error: "unreachable")))
        #expect(failed == .rollbackFailed(host: "edge", reason: "unreachable"))
        #expect("\(failed)" == "rollback failed on edge: unreachable")
        #expect("\(PassEnd.rollbackDone)" == "rollback done" && "\(PassEnd.rollbackFoundNoHost)" == "rollback found no host")
    }

    @Test func statusJSONKeepsItsWords() throws {
        let stack = DaemonStatus.StackState(stack: "web", state: StackCondition(.rolledBack), lastRevision: 4,
                                            outcome: .rolledBack, error: nil, pendingUntil: nil, windowReason: nil)
        let pass = DaemonStatus.LastPass(startedAt: Date(), finishedAt: Date(), outcome: .invalid, commit: nil, triggers: [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let stackJSON = String(decoding: try encoder.encode(stack), as: UTF8.self)
        #expect(stackJSON.contains(#""outcome":"rolled-back""#) && stackJSON.contains(#""state":"rolled-back""#))
        #expect(String(decoding: try encoder.encode(pass), as: UTF8.self).contains(#""outcome":"invalid""#))
        #expect(DaemonStatus.LastPass.Outcome.allCases.map(\.rawValue) == ["success", "failure", "invalid"])
    }

    @Test(arguments: [
        (StackReport.Outcome.inSync, "in-sync"), (.applied, "in-sync"), (.planned, "drifted"), (.rolledBack, "rolled-back"),
        (.failed, "failed"), (.blocked, "blocked"), (.pending, "pending"), (.held, "held"),
    ])
    func eachStackOutcomeHasTheOverviewsWord(outcome: StackReport.Outcome, word: String) {
        #expect(StackCondition(outcome).rawValue == word)
    }

    /// The page draws a badge per word (`words` in its script); a word it does not know would show raw.
    @Test func everyStateWordIsOneThePageKnows() {
        for condition in StackCondition.allCases {
            #expect(StatusPage.script.contains("'\(condition.rawValue)': "), "\(condition.rawValue)")
        }
    }
}
