import Planner
import Spec
import Testing

/// Ownership by repository and the mass-removal guard, as the pure planner sees them.
@Suite struct OwnershipPlanTests {
    static func container(_ name: String, stack: String, repository: String?) -> LiveContainer {
        var labels = [ManagedLabels.stack: stack, ManagedLabels.service: "app", ManagedLabels.hash: "sha256:x"]
        labels[ManagedLabels.repository] = repository
        return LiveContainer(id: "id-\(name)", name: name, state: "running", imageID: Fixture.imageV1, labels: labels)
    }

    @Test func anotherRepositorysStacksAreShownAndNeverRemoved() {
        let theirs = Self.container("media-app-1", stack: "media", repository: "git:other")
        let plan = Planner.plan(Fixture.input([], live: [theirs]))
        #expect(plan.summary.isEmpty, "\(plan.summary)")
        #expect(plan.foreign == [ForeignStack(stack: "media", owner: "repository git:other", containers: ["media-app-1"])])
    }

    @Test func unlabelledContainersAreClaimedOnlyForDeclaredStacks() {
        let web = Fixture.stack("web", [Fixture.service("site")])
        let declared = Self.container("web-old-1", stack: "web", repository: nil)
        let undeclared = Self.container("media-app-1", stack: "media", repository: nil)
        let plan = Planner.plan(Fixture.input([web], live: [declared, undeclared]))
        // The declared stack's orphan is pruned as ever; the undeclared one is someone else's.
        #expect(plan.summary.contains("remove app"), "\(plan.summary)")
        #expect(plan.stacks.allSatisfy { $0.stack != "media" })
        #expect(plan.foreign.map(\.stack) == ["media"])
    }

    @Test func aNameTakenByAnotherRepositoryIsBlockedEvenWithAdopt() {
        let web = Fixture.stack("web", [Fixture.service("site")])
        let theirs = Self.container("web-site-1", stack: "web", repository: "git:other")
        let input = Fixture.input([web], live: [theirs], adopt: true)
        let action = Planner.plan(input).stacks[0].actions.last
        #expect(action?.kind == .blocked)
        #expect(action?.reasons.first?.contains("repository git:other") == true, "\(action?.reasons ?? [])")
    }

    @Test func removingEveryStackOfAHostIsRefusedWithoutTheFlag() {
        let ours = [Self.container("a-app-1", stack: "a", repository: Fixture.repository),
                    Self.container("b-app-1", stack: "b", repository: Fixture.repository)]
        var input = Fixture.input([], live: ours)
        let refused = Planner.plan(input)
        #expect(refused.massRemoval?.contains("--allow-mass-removal") == true)
        #expect(refused.summary == ["blocked app", "blocked app"])
        #expect(!refused.hasChanges)
        input.allowMassRemoval = true
        #expect(Planner.plan(input).summary == ["remove app", "remove app"])
    }

    @Test func guardCountsMovesOnlyAgainstTheThreshold() {
        #expect(RemovalGuard.refusal(host: "nas", departing: ["a"], running: ["a"], declared: ["a"]) == nil,
                "a stack that moved to another host is not a mass removal")
        #expect(RemovalGuard.refusal(host: "nas", departing: ["a"], running: ["a", "b"], declared: []) == nil)
        let many = ["a", "b", "c", "d"]
        #expect(RemovalGuard.refusal(host: "nas", departing: many, running: Set(many + ["e"]), declared: Set(many)) != nil)
    }

    @Test func leftoverPrevAndNextAreShownAsCleanup() {
        let web = Fixture.stack("web", [Fixture.service("site")])
        let desired = Fixture.desired(web, "site")
        var prev = Fixture.running(desired, state: "exited")
        prev.name += ".prev"
        prev.id = "id-prev"
        let plan = Planner.plan(Fixture.input([web], live: [Fixture.running(desired), prev]))
        #expect(plan.summary == ["cleanup site", "keep site"], "\(plan.summary)")
        #expect(plan.hasChanges)
    }
}
