import Foundation
import Spec
import Testing
@testable import Server

@Suite struct ImageNoticeTests {
    @Test(arguments: [
        ("registry-push.json", ["127.0.0.1:5000/lab/app:stable"]),
        ("github-package.json", ["ghcr.io/homelab/app:2.1"]),
        ("generic-image.json", ["127.0.0.1:5000/lab/app:stable"]),
    ])
    func parsesEachForm(file: String, references: [String]) throws {
        let notices = try #require(ImageNotice.parse(try Fixtures.hook(file)))
        #expect(notices.map(\.reference) == references)
        #expect(notices.allSatisfy { $0.digest?.hasPrefix("sha256:") == true })
    }

    @Test func githubPackageURLNamesTheRepositoryAndUntaggedPushesAreSkipped() {
        let tagged = #"{"package":{"name":"app","package_version":{"package_url":"ghcr.io/homelab/app@sha256:aa","#
            + #""container_metadata":{"tag":{"name":"v3","digest":"sha256:bb"}}}}}"#
        #expect(ImageNotice.parse(Data(tagged.utf8))?.map(\.reference) == ["ghcr.io/homelab/app:v3"])
        let untagged = #"{"package":{"name":"app","package_version":{"container_metadata":{"tag":{"name":""}}}}}"#
        #expect(ImageNotice.parse(Data(untagged.utf8))?.isEmpty == true)
    }

    @Test func rejectsOtherBodies() {
        #expect(ImageNotice.parse(Data("not json".utf8)) == nil)
        #expect(ImageNotice.parse(Data(#"{"hello":1}"#.utf8)) == nil)
        #expect(ImageNotice.parse(Data(#"{"image":"lab/app"}"#.utf8))?.map(\.reference) == ["lab/app:latest"])
    }

    @Test(arguments: [
        ("127.0.0.1:5000/lab/app:stable", ["127.0.0.1:5000/lab/app:stable"]),
        ("docker.io/library/redis:7", ["redis:7"]),
        ("127.0.0.1:5000/lab/app:other", []),
        ("127.0.0.1:5000/lab/vault:1", []),  // its stack is pinned: a tag move changes nothing
        ("127.0.0.1:5001/lab/app:stable", []),
    ])
    func matchesServicesThatFollowTheTag(reference: String, expected: [String]) throws {
        let repository = try #require(RepositoryLoader.load(root: Fixtures.repo.path, environment: [:]).repository)
        #expect(ImageMatcher.references(for: ImageNotice(reference: reference), in: repository) == Set(expected))
    }
}
