import Controller
import Foundation
import Testing
@testable import Server

/// The status page's "what changed" of a revision, and the live event stream's replay.
struct FieldDiffTests {
    @Test func changesAreListedFieldByField() {
        let old = #"{"services":{"web":{"environment":{"A":"redacted:hmac:1"},"ports":["80:80"],"labels":{"x":"1"}}}}"#
        let new = #"{"services":{"web":{"environment":{"A":"redacted:hmac:2"},"ports":["80:80","443:443"],"user":"1000"}}}"#
        let changes = FieldDiff.changes(from: old, to: new)
        #expect(changes == [
            FieldChange(field: "services.web.environment.A", old: #""redacted:hmac:1""#, new: #""redacted:hmac:2""#),
            FieldChange(field: "services.web.labels.x", old: #""1""#, new: nil),
            FieldChange(field: "services.web.ports", old: #"["80:80"]"#, new: #"["80:80", "443:443"]"#),
            FieldChange(field: "services.web.user", old: nil, new: #""1000""#),
        ])
        #expect(FieldDiff.changes(from: new, to: new).isEmpty)
        // The first revision of a stack: every field is new.
        #expect(FieldDiff.changes(from: nil, to: new).allSatisfy { $0.old == nil })
    }

    @Test func aLateSubscriberGetsTheRunningPassThenWhatFollows() async {
        let events = LiveEvents()
        events.passStarted(triggers: ["timer"])
        events.step(PassStep(host: "nas", stack: "web", service: "web", step: "create-new", detail: "web-1.next"))
        var iterator = events.subscribe().makeAsyncIterator()
        events.step(PassStep(host: "nas", stack: "web", step: "stack-done", detail: "applied"))
        let messages = [await iterator.next(), await iterator.next(), await iterator.next()].compactMap { $0 }
        #expect(messages.map { $0.split(separator: "\n")[1] } == ["event: pass-started", "event: step", "event: step"])
        #expect(messages.map { $0.split(separator: "\n")[0] } == ["id: 1", "id: 2", "id: 3"])
        #expect(messages[2].contains(#""step":"stack-done""#))
        // A new pass starts a new replay: the old pass's steps are not sent to later subscribers.
        events.passStarted(triggers: ["git"])
        var late = events.subscribe().makeAsyncIterator()
        #expect(await late.next()?.contains("event: pass-started") == true)
        #expect(events.subscriberCount == 2)
        events.finishAll()
        #expect(await late.next() == nil)
    }
}
