import Controller
import Docker
import Foundation
import Store
import Testing

/// `reconcile rollback` on the lab: exact images back, the repo's config held, secrets never guessed.
@Suite("reconcile rollback on the lab", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct RollbackCommandTests {
    @Test func rollbackRestoresTheImageAMovedTagPointedTo() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let nas = try repo.docker("nas")
        let tag = "lab/it-\(repo.suffix):stable", name = "\(repo.stack("pin"))-app-1"
        try await nas.tagImage("lab/app:1", as: tag)
        defer { Task { try? await nas.removeImage(tag) } }
        let v1 = try await nas.inspectImage("lab/app:1").id, v2 = try await nas.inspectImage("lab/app:2").id
        try HealthSupport.writeApp(repo, "pin", image: tag, lines: ["environment: {LOG_LEVEL: info}"])
        try repo.commit("stable")
        #expect(try await repo.cli(["apply"]).status == 0)
        try await nas.tagImage("lab/app:2", as: tag)
        #expect(try await repo.cli(["apply"]).status == 0)
        #expect(try await nas.inspectContainer(name).image == v2)

        let rollback = try await repo.cli(["rollback", repo.stack("pin")])
        print(rollback.output)
        #expect(rollback.status == 0, "\(rollback.output)")
        #expect(rollback.output.contains("rolled back to revision 1"), "\(rollback.output)")
        #expect(rollback.output.contains("held back until the repo changes or `reconcile apply --retry \(repo.stack("pin"))`"),
                "\(rollback.output)")
        let restored = try await nas.inspectContainer(name)
        #expect(restored.image == v1, "the exact old image, although the tag now names \(v2)")
        #expect(restored.state.health?.status == "healthy")
        #expect(restored.config.env?.contains("LOG_LEVEL=info") == true)
        let revisions = try await HealthSupport.revisions(repo, "pin")
        #expect(revisions.first?.trigger == .rollback && revisions.first?.outcome == .applied)
        #expect(revisions.first?.digests["app"] == v1)

        let next = try await repo.cli(["--once"])
        #expect(next.output.contains("held back after rollback"), "\(next.output)")
        #expect(try await nas.inspectContainer(name).id == restored.id, "the next pass keeps the rollback")
        let retry = try await repo.cli(["apply", "--retry", repo.stack("pin")])
        #expect(retry.status == 0, "\(retry.output)")
        #expect(try await nas.inspectContainer(name).image == v2, "--retry goes forward to the repo's config again")
    }

    @Test func changedSecretCannotBeRolledBack() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let name = "\(repo.stack("secret"))-app-1"
        try HealthSupport.writeApp(repo, "secret", image: "lab/app:1", lines: ["environment: {API_TOKEN: first-value}"])
        try repo.commit("token 1")
        #expect(try await repo.cli(["apply"]).status == 0)
        try HealthSupport.writeApp(repo, "secret", image: "lab/app:1", lines: ["environment: {API_TOKEN: second-value}"])
        try repo.commit("token 2")
        #expect(try await repo.cli(["apply"]).status == 0)
        let before = try await repo.docker("nas").inspectContainer(name).id

        let refused = try await repo.cli(["rollback", repo.stack("secret"), "--host", "nas"])
        #expect(refused.status != 0)
        #expect(refused.output.contains("API_TOKEN"), "\(refused.output)")
        #expect(refused.output.contains("its old value is not stored: secrets never are"), "\(refused.output)")
        #expect(!refused.output.contains("first-value"))
        #expect(try await repo.docker("nas").inspectContainer(name).id == before, "nothing was touched")
    }

    @Test func rollbackRefusesWhenTheRecordedImageIsGone() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let nas = try repo.docker("nas")
        let sock = "unix://" + (try repo.lab.value("NAS_SOCK"))
        let image = "lab/it-\(repo.suffix):gone", name = "\(repo.stack("gone"))-app-1"
        // An image ID nothing else uses, so removing it touches no other test.
        let seed = try await runAsync("/usr/bin/env", ["docker", "-H", sock, "create", "lab/app:1"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try await runAsync("/usr/bin/env", ["docker", "-H", sock, "commit", "--change", "LABEL it=\(repo.suffix)", seed, image])
        try await nas.removeContainer(seed, force: true)
        let goneID = try await nas.inspectImage(image).id
        try HealthSupport.writeApp(repo, "gone", image: image)
        try repo.commit("unique image")
        #expect(try await repo.cli(["apply"]).status == 0)
        try HealthSupport.writeApp(repo, "gone", image: "lab/app:2")
        try repo.commit("v2")
        #expect(try await repo.cli(["apply"]).status == 0)
        try await nas.removeImage(image)
        let current = try await nas.inspectContainer(name).id

        let refused = try await repo.cli(["rollback", repo.stack("gone")])
        #expect(refused.status != 0)
        #expect(refused.output.contains("image \(goneID) (\(image)) of service app is no longer on nas"), "\(refused.output)")
        #expect(try await nas.inspectContainer(name).id == current, "nothing was touched")
    }

    @Test func rollbackWithoutAnEarlierRevisionSaysSo() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try HealthSupport.writeApp(repo, "once", image: "lab/app:1")
        try repo.commit("v1")
        #expect(try await repo.cli(["apply"]).status == 0)
        let refused = try await repo.cli(["rollback", repo.stack("once"), "--to", "999"])
        #expect(refused.status != 0)
        #expect(refused.output.contains("no revision 999"), "\(refused.output)")
        let none = try await repo.cli(["rollback", repo.stack("once")])
        #expect(none.status != 0)
        #expect(none.output.contains("no earlier applied revision"), "\(none.output)")
    }
}
