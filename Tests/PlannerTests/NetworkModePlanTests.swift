import Planner
import Spec
import Testing

/// Issue 15: a service in another's network namespace is recreated with it.
@Suite("Planner: network_mode service:X")
struct NetworkModePlanTests {
    func stack(vpnEnv: String) -> StackSpec {
        var app = Fixture.service("app")
        app.networkMode = "service:vpn"
        app.networks = nil
        app.dependsOn = ["vpn": DependsOn(restart: true)]
        return Fixture.stack("web", [Fixture.service("vpn", env: ["GEN": vpnEnv]), app])
    }

    @Test func recreatingTheTargetRecreatesItsDependent() {
        let old = stack(vpnEnv: "1"), new = stack(vpnEnv: "2")
        let live = [Fixture.running(Fixture.desired(old, "vpn")), Fixture.running(Fixture.desired(old, "app"))]
        let plan = Planner.plan(Fixture.input([new], live: live))
        #expect(plan.summary == ["recreate vpn", "recreate app"])
        let app = plan.stacks[0].actions.first { $0.subject == "app" }
        #expect(app?.reasons == ["network_mode: service:vpn, and vpn is recreated"])
    }

    @Test func anUnchangedTargetLeavesItsDependentAlone() {
        let same = stack(vpnEnv: "1")
        let live = [Fixture.running(Fixture.desired(same, "vpn")), Fixture.running(Fixture.desired(same, "app"))]
        #expect(Planner.plan(Fixture.input([same], live: live)).summary == ["keep vpn", "keep app"])
    }
}
