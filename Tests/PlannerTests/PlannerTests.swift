import Basics
import Planner
import Spec
import Testing

@Suite("Planner")
struct PlannerTests {
    let web = Fixture.stack("web", [
        Fixture.service("db", image: "lab/busybox:1", env: ["PASSWORD": "hunter2"]),
        Fixture.service("site", env: ["LOG_LEVEL": "info"], dependsOn: ["db"]),
    ])

    var images: [String: String] { ["lab/app:stable": Fixture.imageV1, "lab/busybox:1": Fixture.imageV2] }

    func live(_ stack: StackSpec) -> [DesiredContainer] {
        stack.services.map { s in
            DesiredContainer(stack: stack, service: s, imageID: images[s.image])
        }
    }

    @Test func emptyHostCreatesEveryServiceInDependencyOrder() {
        let plan = Planner.plan(Fixture.input([web], live: [], images: images))
        #expect(plan.summary == ["create db", "create site"])
        #expect(plan.stacks[0].actions.allSatisfy { $0.reasons == ["new service"] })
        #expect(plan.stacks[0].actions.map(\.containerName) == ["web-db-1", "web-site-1"])
    }

    @Test func matchingHostIsANoOp() {
        let plan = Planner.plan(Fixture.input([web], live: live(web).map { Fixture.running($0) }, images: images))
        #expect(plan.summary == ["keep db", "keep site"])
        #expect(!plan.hasChanges)
    }

    @Test func changedEnvironmentRecreatesOnlyThatServiceAndSaysWhy() {
        var changed = web
        changed.services[1].environment["LOG_LEVEL"] = "debug"
        let plan = Planner.plan(Fixture.input([changed], live: live(web).map { Fixture.running($0) },
                                              images: images, known: live(web)))
        #expect(plan.summary == ["keep db", "recreate site"])
        #expect(plan.stacks[0].actions[1].reasons == ["environment LOG_LEVEL changed"])
    }

    @Test func secretValuesNeverAppearInReasons() {
        var changed = web
        changed.services[0].environment["PASSWORD"] = "correct horse"
        let plan = Planner.plan(Fixture.input([changed], live: live(web).map { Fixture.running($0) },
                                              images: images, known: live(web)))
        let text = plan.stacks.flatMap { $0.actions.flatMap(\.reasons) }.joined(separator: " ")
        #expect(text == "environment PASSWORD changed")
        #expect(!text.contains("hunter2") && !text.contains("correct horse"))
    }

    /// Issue 22: a value that came out of an encrypted file is named a secret; the others stay `environment`.
    @Test func valuesFromEncryptedFilesAreNamedSecrets() {
        var changed = web
        changed.services[0].environment["PASSWORD"] = "correct horse"
        changed.services[0].secretEnvironment = ["PASSWORD"]
        let plan = Planner.plan(Fixture.input([changed], live: live(web).map { Fixture.running($0) },
                                              images: images, known: live(web)))
        let text = plan.stacks.flatMap { $0.actions.flatMap(\.reasons) }.joined(separator: " ")
        #expect(text == "secret PASSWORD changed")
        // Marking alone changes nothing that runs: no recreate.
        var marked = web
        marked.services[0].secretEnvironment = ["PASSWORD"]
        let quiet = Planner.plan(Fixture.input([marked], live: live(web).map { Fixture.running($0) },
                                               images: images, known: live(web)))
        #expect(quiet.stacks.flatMap { $0.actions.flatMap(\.reasons) }.isEmpty)
    }

    @Test func newImageBehindTheSameTagRecreatesItsUsers() {
        var moved = images
        moved["lab/app:stable"] = "sha256:" + String(repeating: "9", count: 64)
        let plan = Planner.plan(Fixture.input([web], live: live(web).map { Fixture.running($0) },
                                              images: moved, known: live(web)))
        #expect(plan.summary == ["keep db", "recreate site"])
        #expect(plan.stacks[0].actions[1].reasons
            == ["image lab/app:stable changed sha256:111111111111… → sha256:999999999999…"])
    }

    @Test func missingImageIsPulledFirst() {
        let plan = Planner.plan(Fixture.input([web], live: [], images: ["lab/busybox:1": Fixture.imageV2]))
        #expect(plan.summary == ["pull lab/app:stable", "create db", "create site"])
    }

    @Test func stoppedContainerIsStartedAgain() {
        let containers = live(web).map { Fixture.running($0, state: $0.service.name == "db" ? "exited" : "running") }
        let plan = Planner.plan(Fixture.input([web], live: containers, images: images))
        #expect(plan.summary == ["start db", "keep site"])
        #expect(plan.stacks[0].actions[0].reasons == ["container is exited; starting it again"])
    }

    @Test func removedServiceIsPrunedUnlessPruneIsOff() {
        let smaller = Fixture.stack("web", [web.services[0]])
        let plan = Planner.plan(Fixture.input([smaller], live: live(web).map { Fixture.running($0) }, images: images))
        #expect(plan.summary == ["keep db", "remove site"])
        #expect(plan.stacks[0].actions[1].reasons == ["service site removed from repo"])

        let keep = Fixture.stack("web", [web.services[0]], prune: false)
        let kept = Planner.plan(Fixture.input([keep], live: live(web).map { Fixture.running($0) }, images: images))
        #expect(kept.summary == ["keep db", "keep site"])
        #expect(!kept.hasChanges)
    }

    @Test func removedStackIsRemovedAndMovedStackIsNamedAsMoved() {
        let containers = live(web).map { Fixture.running($0) }
        var input = Fixture.input([], live: containers, images: images)
        input.allowMassRemoval = true  // the only stack on the host: see OwnershipPlanTests for the guard
        #expect(Planner.plan(input).stacks[0].actions.map(\.reasons) == [["stack web removed from repo"],
                                                                          ["stack web removed from repo"]])
        input.repoStackNames = ["web"]
        #expect(Planner.plan(input).stacks[0].actions[0].reasons == ["stack web is no longer placed on nas"])
        input.removalScope = ["other"]
        #expect(Planner.plan(input).stacks.isEmpty)
    }

    @Test func unmanagedContainersAreNeverTouched() {
        let stranger = LiveContainer(id: "abc123abc123ffff", name: "web-site-1", state: "running", imageID: "x",
                                     labels: ["com.docker.compose.project": "web"])
        let other = LiveContainer(id: "def", name: "web-site-2", state: "exited", imageID: "x", labels: [:])
        let plan = Planner.plan(Fixture.input([web], live: [stranger, other], images: images))
        #expect(plan.summary == ["create db", "blocked site"])
        #expect(plan.stacks[0].actions[1].reasons[0].contains("reconcile does not manage (abc123abc123)"))
        #expect(plan.stacks[0].actions[1].reasons[0].contains("--adopt"))
        #expect(!plan.stacks.flatMap(\.actions).contains { $0.existing?.name == "web-site-2" })

        let adopted = Planner.plan(Fixture.input([web], live: [stranger], images: images, adopt: true))
        #expect(adopted.summary == ["create db", "recreate site"])
    }

    @Test func heldBackHashIsNotRetried() {
        var changed = web
        changed.services[1].environment["LOG_LEVEL"] = "debug"
        let failing = DesiredContainer(stack: changed, service: changed.services[1], imageID: Fixture.imageV1)
        let plan = Planner.plan(Fixture.input([changed], live: live(web).map { Fixture.running($0) }, images: images,
                                              heldBack: ["web/site": failing.hash!]))
        #expect(plan.summary == ["keep db", "blocked site"])
        #expect(plan.stacks[0].actions[1].reasons[0].hasPrefix("held back after rollback"))
    }

    @Test func transientContainersOfAnOperationInFlightAreLeftToRecovery() {
        var prev = Fixture.running(live(web)[1])
        prev.name = "web-site-1.prev"
        let plan = Planner.plan(Fixture.input([web], live: live(web).map { Fixture.running($0) } + [prev], images: images))
        // Shown as a cleanup that recovery does; the service itself is not planned against it.
        #expect(plan.summary == ["cleanup site", "keep db", "keep site"])
    }

    @Test func hashIgnoresPositionsButNotContent() {
        var moved = web.services[1]
        moved.source = Basics.SourceLocation(file: "x", line: 99, column: 3)
        moved.keyLocations = ["image": moved.source]
        let a = DesiredContainer(stack: web, service: web.services[1], imageID: Fixture.imageV1)
        let b = DesiredContainer(stack: web, service: moved, imageID: Fixture.imageV1)
        #expect(a.hash == b.hash)
        let c = DesiredContainer(stack: web, service: web.services[1], imageID: Fixture.imageV1,
                                 repoFiles: ["stacks/web/app.conf": "sha256:aa"])
        #expect(a.hash != c.hash)
        #expect(DesiredContainer(stack: web, service: web.services[1], imageID: nil).hash == nil)
    }
}
