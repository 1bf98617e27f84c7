import Planner
import Spec
import Testing

/// Issue 26: an unmanaged container with a service's name is taken over when it runs exactly that service,
/// replaced with its differences when `reconcile adopt` claimed it (or `--adopt`), and left alone otherwise.
struct TakeoverPlanTests {
    static let stack = Fixture.stack("web", [Fixture.service("app")])
    static let unmanaged = LiveContainer(id: "c0ffee000000aaaa", name: "web-app-1", state: "running",
                                         imageID: Fixture.imageV1, labels: ["com.docker.compose.project": "web"])

    static func plan(_ check: TakeoverCheck?, adopt: Bool = false) -> PlannedAction? {
        var input = Fixture.input([stack], live: [unmanaged], adopt: adopt)
        if let check { input.takeovers = ["web-app-1": check] }
        return Planner.plan(input).stacks.first?.actions.first
    }

    @Test func anEqualContainerIsAdoptedNotRecreated() throws {
        let action = try #require(Self.plan(TakeoverCheck(containerID: Self.unmanaged.id, differences: [], claimed: false)))
        #expect(action.kind == .adopt)
        #expect(action.existing?.id == Self.unmanaged.id)
        #expect(action.desired?.hash != nil, "the hash to record comes with the action")
        #expect(action.reasons.first?.contains("taken over as it runs, not recreated") == true)
    }

    @Test func aClaimedContainerThatDiffersIsRecreatedWithItsDifferences() throws {
        let check = TakeoverCheck(containerID: Self.unmanaged.id, differences: ["environment TZ: another value"], claimed: true)
        let action = try #require(Self.plan(check))
        #expect(action.kind == .recreate)
        #expect(action.reasons.first?.hasSuffix("environment TZ: another value") == true)
    }

    @Test func anUnclaimedContainerThatDiffersIsBlockedUnlessAdoptIsPassed() throws {
        let check = TakeoverCheck(containerID: Self.unmanaged.id, differences: ["Cmd differs"], claimed: false)
        let blocked = try #require(Self.plan(check))
        #expect(blocked.kind == .blocked)
        #expect(blocked.reasons.first?.contains("Cmd differs") == true)
        #expect(blocked.reasons.first?.contains("reconcile adopt") == true)
        #expect(try #require(Self.plan(check, adopt: true)).kind == .recreate)
    }

    @Test func aCheckOfAnotherContainerCountsForNothing() throws {
        // The container under that name was replaced between the check and the plan: never adopt by name alone.
        let action = try #require(Self.plan(TakeoverCheck(containerID: "someone-else", differences: [], claimed: true)))
        #expect(action.kind == .blocked)
    }

    @Test func anAdoptedContainerIsOwnedOnceItsLabelsArePutBack() throws {
        let desired = Fixture.desired(Self.stack, "app")
        var taken = Self.unmanaged
        taken.labels.merge([ManagedLabels.stack: "web", ManagedLabels.service: "app", ManagedLabels.hash: desired.hash ?? "",
                            ManagedLabels.repository: Fixture.repository]) { _, new in new }
        let plan = Planner.plan(Fixture.input([Self.stack], live: [taken]))
        #expect(plan.summary == ["keep app"])
        let gone = Planner.plan(Fixture.input([], live: [taken]))
        #expect(gone.stacks.first?.actions.first?.kind == .blocked, "a departed adopted stack falls under RemovalGuard like any other")
    }
}
