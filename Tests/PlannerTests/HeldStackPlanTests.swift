import Planner
import Spec
import Testing

/// A stack the repo holds because of its errors is never planned: its containers stay exactly as they run.
@Suite struct HeldStackPlanTests {
    static let error = "stacks/db/compose.yaml:3:7: error: expected a mapping"

    @Test func aHeldStacksContainersAreNeitherRemovedNorCleanedUp() {
        let web = Fixture.stack("web", [Fixture.service("site")])
        let db = OwnershipPlanTests.container("db-app-1", stack: "db", repository: Fixture.repository)
        var leftover = OwnershipPlanTests.container("db-app-1.prev", stack: "db", repository: Fixture.repository)
        leftover.state = "exited"
        var input = Fixture.input([web], live: [Fixture.running(Fixture.desired(web, "site")), db, leftover])
        input.heldStacks = ["db": Self.error]
        let plan = Planner.plan(input)
        #expect(plan.summary == ["keep site"], "\(plan.summary)")
        let held = plan.stacks.filter { $0.held != nil }
        #expect(held.map(\.stack) == ["db"])
        #expect(held.first?.held == Self.error)
        #expect(held.first?.actions.isEmpty == true)
        #expect(held.first?.hasChanges == false)

        // The same host state without the hold: the stack is departed and its containers go.
        input.heldStacks = [:]
        #expect(Planner.plan(input).summary.sorted() == ["cleanup app", "keep site", "remove app"])
    }

    @Test func aHeldStackWithoutContainersHereIsNotShownOnThisHost() {
        let web = Fixture.stack("web", [Fixture.service("site")])
        var input = Fixture.input([web], live: [])
        input.heldStacks = ["db": Self.error]
        #expect(Planner.plan(input).stacks.map(\.stack) == ["web"])
    }

    @Test func aHeldStackKeepsTheMassRemovalGuardFromSeeingEveryStackGo() {
        let held = OwnershipPlanTests.container("db-app-1", stack: "db", repository: Fixture.repository)
        let gone = OwnershipPlanTests.container("old-app-1", stack: "old", repository: Fixture.repository)
        var input = Fixture.input([], live: [held, gone])
        input.heldStacks = ["db": Self.error]
        let plan = Planner.plan(input)
        // `old` alone departs; `db` stays, so this is not "every stack of the host".
        #expect(plan.massRemoval == nil)
        #expect(plan.summary == ["remove app"])
        #expect(plan.stacks.first { $0.stack == "db" }?.held == Self.error)
        input.heldStacks = [:]
        #expect(Planner.plan(input).massRemoval != nil, "without the hold both would go: refused")
    }
}
