import Controller
import Foundation
import Testing

/// The identity a checkout labels with, and a `repository:` that cannot be one.
@Suite struct RepositoryIdentityTests {
    @Test func twoClonesAgreeAndANameWins() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        #expect(try await RepositoryIdentity.resolve(root: repo.root) == nil, "no commit yet: no identity")
        try repo.commit("root")
        let root = try repo.git("rev-list", "--max-parents=0", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.commit("more")
        let clone = repo.root.appendingPathComponent(".clone")
        try repo.git("clone", "-q", repo.root.path, clone.path)
        #expect(try await RepositoryIdentity.resolve(root: repo.root)?.value == "git:\(root)")
        #expect(try await RepositoryIdentity.resolve(root: clone)?.value == "git:\(root)")
        try repo.write("reconcile.yaml", "repository: homelab\n")
        #expect(try await RepositoryIdentity.resolve(root: repo.root)?.value == "homelab")
    }

    @Test func aBadNameIsAPositionedErrorAndNothingIsApplied() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try repo.write("reconcile.yaml", "notifications: []\nrepository: \"my homelab\"\n")
        try repo.commit("bad name")
        let validate = try await repo.cli(["validate"])
        #expect(validate.status != 0)
        #expect(validate.output.contains("reconcile.yaml:2:13: error: repository must be a name"), "\(validate.output)")
        let apply = try await repo.cli(["apply"])
        #expect(apply.status != 0)
        #expect(apply.output.contains("nothing was applied"), "\(apply.output)")
    }
}
