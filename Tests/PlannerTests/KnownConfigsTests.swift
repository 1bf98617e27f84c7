import Foundation
import Planner
import Spec
import Testing

/// Known configs come from the store as JSON and are decoded only for a container that is recreated.
@Suite struct KnownConfigsTests {
    let web = Fixture.stack("web", [Fixture.service("db"), Fixture.service("site", env: ["LOG_LEVEL": "info"])])

    /// The input of a plan whose `site` changed, with the old configs given as the store keeps them.
    func changedSitePlan(storedAs text: (DesiredContainer) -> String) -> HostPlan {
        let old = web.services.map { Fixture.desired(web, $0.name) }
        var changed = web
        changed.services[1].environment["LOG_LEVEL"] = "debug"
        var input = Fixture.input([changed], live: old.map { Fixture.running($0) })
        input.knownConfigs = KnownConfigs(encoded: Dictionary(uniqueKeysWithValues: old.map { ($0.hash!, text($0)) }))
        return Planner.plan(input)
    }

    @Test func storedJSONExplainsAChangeFieldByField() {
        let plan = changedSitePlan { Fixture.redactor.redactedJSON($0) }
        #expect(plan.summary == ["keep db", "recreate site"])
        #expect(plan.stacks[0].actions[1].reasons == ["environment LOG_LEVEL changed"])
    }

    @Test func anUnreadableRecordNamesTheHashesInstead() {
        let plan = changedSitePlan { _ in "{not json" }
        #expect(plan.summary == ["keep db", "recreate site"])
        let reason = plan.stacks[0].actions[1].reasons.joined()
        #expect(reason.hasPrefix("configuration changed ("), "\(reason)")
    }

    @Test func decodedAndEncodedFormsAgree() throws {
        let site = Fixture.redactor.redact(Fixture.desired(web, "site"))
        let hash = "sha256:abc"
        let fromText = KnownConfigs(encoded: [hash: String(decoding: site.encoded(), as: UTF8.self)])
        #expect(fromText[hash] == site)
        #expect(KnownConfigs([hash: site])[hash] == site)
        #expect(fromText["sha256:other"] == nil)
    }
}
