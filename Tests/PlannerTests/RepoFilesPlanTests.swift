import Planner
import Spec
import Testing

/// Repo content in the plan: a file's fingerprint decides "changed" for exactly the services mounting it.
struct RepoFilesPlanTests {
    static func mount(_ relative: String, at target: String, checkout: String = "/repo") -> VolumeMount {
        var m = VolumeMount(type: .bind, source: "\(checkout)/\(relative)", target: target, readOnly: true)
        m.repoRelativeSource = relative
        return m
    }

    static func stack(checkout: String = "/repo") -> StackSpec {
        var web = Fixture.service("web"), reader = Fixture.service("reader")
        web.volumes = [mount("stacks/web/conf/app.conf", at: "/etc/app.conf", checkout: checkout),
                       mount("stacks/web/site", at: "/www", checkout: checkout)]
        reader.volumes = [mount("stacks/web/site", at: "/srv", checkout: checkout)]
        return Fixture.stack("web", [web, reader])
    }

    static let files = ["stacks/web/conf/app.conf": "sha256:aa", "stacks/web/site/index.html": "sha256:bb",
                        "stacks/web/site-old/index.html": "sha256:cc", "stacks/other/x": "sha256:dd"]

    static func plan(_ files: [String: String], live: [LiveContainer], known: [DesiredContainer] = []) -> HostPlan {
        var input = Fixture.input([stack()], live: live, known: known)
        input.repoFiles = files
        return Planner.plan(input)
    }

    @Test func eachServiceHashesOnlyTheFilesUnderItsMounts() {
        let plan = Self.plan(Self.files, live: [])
        let desired = plan.stacks[0].actions.compactMap(\.desired)
        #expect(desired.first { $0.service.name == "web" }?.repoFiles
                    == ["stacks/web/conf/app.conf": "sha256:aa", "stacks/web/site/index.html": "sha256:bb"])
        #expect(desired.first { $0.service.name == "reader" }?.repoFiles == ["stacks/web/site/index.html": "sha256:bb"])
    }

    @Test func editedFileRecreatesOnlyItsServiceAndNamesTheFile() throws {
        let first = Self.plan(Self.files, live: []).stacks[0].actions.compactMap(\.desired)
        var edited = Self.files
        edited["stacks/web/conf/app.conf"] = "sha256:a2"
        let plan = Self.plan(edited, live: first.map { Fixture.running($0) }, known: first)
        #expect(plan.summary.sorted() == ["keep reader", "recreate web"])
        #expect(plan.stacks[0].actions.first { $0.subject == "web" }?.reasons == ["file stacks/web/conf/app.conf changed"])
    }

    @Test func whereTheCheckoutLivesIsNotPartOfTheHash() {
        let here = DesiredContainer(stack: Self.stack(checkout: "/repo"), service: Self.stack().services[0],
                                    imageID: Fixture.imageV1, repoFiles: Self.files)
        let there = DesiredContainer(stack: Self.stack(checkout: "/mnt/nas/repo"),
                                     service: Self.stack(checkout: "/mnt/nas/repo").services[0],
                                     imageID: Fixture.imageV1, repoFiles: Self.files)
        #expect(here.hash == there.hash)
    }

    @Test func aMountOfTheWholeRepositoryHashesEveryFile() {
        var all = Fixture.service("all")
        all.volumes = [Self.mount(".", at: "/repo")]
        var input = Fixture.input([Fixture.stack("web", [all])], live: [])
        input.repoFiles = Self.files
        #expect(Planner.plan(input).stacks[0].actions.compactMap(\.desired).first?.repoFiles == Self.files)
    }
}
