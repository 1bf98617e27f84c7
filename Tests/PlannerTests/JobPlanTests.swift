import Planner
import Spec
import Testing

/// Issue 15: one-shot jobs are judged by how they exited, not by whether they still run.
@Suite("Planner: one-shot jobs")
struct JobPlanTests {
    func jobStack(restart: String? = "no") -> StackSpec {
        var migrate = Fixture.service("migrate")
        migrate.restart = restart
        var app = Fixture.service("app")
        app.dependsOn = ["migrate": DependsOn(condition: .serviceCompletedSuccessfully)]
        return Fixture.stack("web", [migrate, app])
    }

    func exited(_ desired: DesiredContainer, code: Int) -> LiveContainer {
        var live = Fixture.running(desired, state: "exited")
        live.exitCode = code
        return live
    }

    @Test func onlyServicesAwaitedToCompleteAreJobs() {
        #expect(jobStack().jobNames == ["migrate"])
        #expect(jobStack(restart: nil).jobNames == ["migrate"])
        #expect(jobStack(restart: "on-failure:3").jobNames == ["migrate"])
        #expect(jobStack(restart: "unless-stopped").jobNames.isEmpty, "a job Docker restarts is no job")
        var plain = jobStack()
        plain.services = plain.services.map { var s = $0; s.dependsOn = [:]; return s }
        #expect(plain.jobNames.isEmpty)
    }

    @Test func aJobThatExitedZeroIsKeptAndOneThatFailedIsStartedAgain() {
        let stack = jobStack()
        let job = Fixture.desired(stack, "migrate"), app = Fixture.desired(stack, "app")
        let done = Planner.plan(Fixture.input([stack], live: [exited(job, code: 0), Fixture.running(app)]))
        #expect(done.summary == ["keep migrate", "keep app"])
        let failed = Planner.plan(Fixture.input([stack], live: [exited(job, code: 1), Fixture.running(app)]))
        #expect(failed.summary == ["start migrate", "keep app"])
    }

    @Test func aLongRunningServiceThatExitedZeroIsStillStarted() {
        let stack = jobStack()
        let job = Fixture.desired(stack, "migrate"), app = Fixture.desired(stack, "app")
        let plan = Planner.plan(Fixture.input([stack], live: [exited(job, code: 0), exited(app, code: 0)]))
        #expect(plan.summary == ["keep migrate", "start app"])
    }

    @Test func aChangedJobRunsAgain() {
        let stack = jobStack()
        let old = Fixture.desired(stack, "migrate", imageID: Fixture.imageV2)
        let plan = Planner.plan(Fixture.input([stack], live: [exited(old, code: 0), Fixture.running(Fixture.desired(stack, "app"))]))
        #expect(plan.summary == ["recreate migrate", "keep app"])
    }
}
