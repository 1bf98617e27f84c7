import Foundation
import Schedule
import Spec
import Testing

/// The user's story: an image update must not land seconds before the morning alarm.
@Suite("Quiet hours story")
struct QuietHoursStoryTests {
    let windows = evaluator(host: [W.deny("06:45-07:15")], zone: "Europe/Berlin")

    @Test func openFiveSecondsBefore() {
        let decision = windows.decision(at: at("2026-11-26T06:44:55+01:00"))
        #expect(decision.open)
        #expect(decision.closesAt == at("2026-11-26T06:45:00+01:00"))
        #expect(decision.pending == nil)
        #expect(decision.nextChange == at("2026-11-26T06:45:00+01:00"))
    }

    @Test func closedAtTheStart() {
        let decision = windows.decision(at: at("2026-11-26T06:45:00+01:00"))
        #expect(!decision.open)
        #expect(decision.nextOpen == at("2026-11-26T07:15:00+01:00"))
        #expect(decision.reason == "deny window 06:45-07:15 Europe/Berlin in force until 07:15")
        #expect(decision.pending == "pending until 2026-11-26 07:15 Europe/Berlin")
        #expect(decision.window?.kind == .deny)
        #expect(decision.nextChange == decision.nextOpen)
    }

    /// A pass planned at 06:44:55 must not start the stack at 06:45:00: only the check at apply time counts.
    @Test func planTimeDecisionIsStaleAtApplyTime() {
        let planned = windows.decision(at: at("2026-11-26T06:44:55+01:00"))
        let applying = at("2026-11-26T06:45:00+01:00")
        #expect(planned.open)
        #expect(planned.closesAt.map { applying >= $0 } == true)
        #expect(!windows.isOpen(at: applying))
    }

    @Test func pendingChangeDescription() {
        let change = PendingChange(host: "nas", stack: "homeassistant",
                                   decision: windows.decision(at: at("2026-11-26T06:50:00+01:00")))
        #expect(change.description == "homeassistant on nas: pending until 2026-11-26 07:15 Europe/Berlin "
            + "(deny window 06:45-07:15 Europe/Berlin in force until 07:15)")
    }
}

/// The sentences people read in plan and status output.
@Suite("Window reasons")
struct WindowReasonTests {
    @Test func noWindows() {
        let decision = evaluator().decision(at: at("2026-11-26T06:50:00+01:00"))
        #expect(decision.reason == "no deploy windows; changes allowed at any time")
        #expect(decision.window == nil)
    }

    @Test func insideAllow() {
        let decision = evaluator(stack: [W.allow("Mon-Fri 09:00-17:00")]).decision(at: at("2026-11-26T10:00:00+01:00"))
        #expect(decision.reason == "inside allow window Mon-Fri 09:00-17:00 Europe/Berlin; "
            + "changes allowed until 2026-11-26 17:00 Europe/Berlin")
        #expect(decision.window?.kind == .allow)
    }

    @Test func outsideAllow() {
        let decision = evaluator(stack: [W.allow("Mon-Fri 09:00-17:00")]).decision(at: at("2026-11-27T18:00:00+01:00"))
        #expect(decision.reason == "outside every allow window (allow window Mon-Fri 09:00-17:00 Europe/Berlin); "
            + "changes allowed again at 2026-11-30 09:00 Europe/Berlin")
        #expect(decision.pending == "pending until 2026-11-30 09:00 Europe/Berlin")
    }

    @Test func denyThenOutsideAllow() {
        let rules = evaluator(host: [W.allow("Mon-Fri 09:00-17:00")], stack: [W.deny("16:00-20:00")])
        let decision = rules.decision(at: at("2026-11-26T18:00:00+01:00"))
        #expect(decision.reason == "deny window 16:00-20:00 Europe/Berlin in force until 20:00; "
            + "changes allowed again at 2026-11-27 09:00 Europe/Berlin")
    }

    @Test func longCronWindowLabel() {
        let rules = evaluator(host: [W.cron(.deny, "0 18 * * 5", minutes: 62 * 60)])
        let decision = rules.decision(at: at("2026-11-29T12:00:00+01:00"))
        #expect(decision.reason == "deny window \"0 18 * * 5\" for 2d14h Europe/Berlin in force until "
            + "2026-11-30 08:00")
    }

    @Test func never() {
        let rules = evaluator(stack: [W.cron(.allow, "0 0 30 2 *", minutes: 60)])
        let decision = rules.decision(at: at("2026-11-26T10:00:00+01:00"))
        #expect(decision.pending == "pending: no allowed time within the next 366 days")
        #expect(decision.nextChange == nil)
    }

    @Test func shorterHorizon() throws {
        let rules = try WindowEvaluator(hostWindows: [], stackWindows: [W.allow("Mon 09:00-10:00")],
                                        hostTimeZone: "Europe/Berlin", horizon: .seconds(3 * 86_400))
        let decision = rules.decision(at: at("2026-11-26T10:00:00+01:00"))
        #expect(decision.nextOpen == nil)
        #expect(decision.pending == "pending: no allowed time within the next 3 days")
        let later = rules.decision(at: at("2026-11-28T10:00:00+01:00"))
        #expect(later.nextOpen == at("2026-11-30T09:00:00+01:00"))
    }

    @Test func decisionRoundTripsThroughJSON() throws {
        let decision = evaluator(host: [W.deny("06:45-07:15")]).decision(at: at("2026-11-26T06:50:00+01:00"))
        let change = PendingChange(host: "nas", stack: "homeassistant", decision: decision)
        let decoded = try JSONDecoder().decode(PendingChange.self, from: JSONEncoder().encode(change))
        #expect(decoded == change)
    }

    @Test func timeTextUsesTheConfiguredName() {
        #expect(TimeText.full(at("2026-11-26T06:15:30Z"), zone: "UTC") == "2026-11-26 06:15:30 UTC")
        #expect(TimeText.full(at("2026-07-01T06:15:00Z"), zone: "Europe/Berlin") == "2026-07-01 08:15 Europe/Berlin")
        #expect(TimeText.full(at("2026-07-01T06:15:00Z"), zone: "Nowhere/Land") == "2026-07-01 06:15 UTC")
    }

    @Test func unknownZoneIsAnError() {
        #expect(throws: WindowError.self) {
            try WindowEvaluator(hostWindows: [W.deny("06:45-07:15", tz: "Mars/Olympus")], stackWindows: [],
                                hostTimeZone: nil)
        }
        let error = WindowError.unknownTimeZone("Mars/Olympus", window: W.here)
        #expect(error.description.hasPrefix("hosts/test.yaml:1:1: unknown time zone `Mars/Olympus`"))
    }
}

/// Without any zone configured, times read in UTC and say so.
@Suite("UTC presentation")
struct UTCPresentationTests {
    @Test func pendingInUTC() {
        let decision = evaluator(stack: [W.allow("09:00-10:00")], zone: nil).decision(at: at("2026-11-26T08:30:00Z"))
        #expect(decision.timeZone == "UTC")
        #expect(decision.pending == "pending until 2026-11-26 09:00 UTC")
        #expect(decision.reason == "outside every allow window (allow window 09:00-10:00 UTC); "
            + "changes allowed again at 2026-11-26 09:00 UTC")
    }
}
