import Controller
import Foundation
import Logging
import Server
import Testing

/// Issue 19's release notes on the lab: a candidate image built with `org.opencontainers.image.source` and pushed
/// to the lab registry; `reconcile updates` reads its config blob and links to the release of that tag.
@Suite("Release notes of version updates", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct ReleaseNotesTests {
    static let source = "https://github.com/example-org/app"

    /// Builds `lab/app:2` with the source label on the nas engine and pushes it as `image:tag`.
    static func pushLabeled(_ repo: TestRepo, image: String, tag: String) async throws {
        let nas = "docker -H unix://" + (try repo.lab.value("NAS_SOCK"))
        let context = repo.root.appendingPathExtension("labeled")
        try FileManager.default.createDirectory(at: context, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: context) }
        try "FROM lab/app:2\nLABEL org.opencontainers.image.source=\(source).git\n"
            .write(to: context.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        let built = try await runAsync("/bin/bash", ["-c", "\(nas) build -q -t \(image):\(tag) \(context.path) >/dev/null"
                                                     + " && \(nas) push -q \(image):\(tag) >/dev/null"])
        #expect(built.status == 0, "\(built.output)")
    }

    @Test func updatesLinkToTheCandidatesReleaseWhenItsImageNamesItsSource() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let image = try await VersionUpdateTests.pushTags(repo, [("1.2.0", "lab/app:1"), ("1.2.1", "lab/app:1")])
        try await Self.pushLabeled(repo, image: image, tag: "1.3.0")
        try repo.writeStack("web", VersionUpdateTests.compose(image: image, tag: "1.2.0",
                                                              updates: "{policy: semver, allow: minor, mode: approve}"))
        try repo.writeStack("api", VersionUpdateTests.compose(image: image, tag: "1.2.0",
                                                              updates: "{policy: semver, allow: patch, mode: approve}"))
        try repo.commit("web and api")

        let listed = try await repo.cli(["updates"])
        #expect(listed.status == 0, "\(listed.output)")
        #expect(listed.output.contains("\(image) 1.2.0 → 1.3.0  (minor, mode approve)  pending\n"
                                       + "    found "), "\(listed.output)")
        #expect(listed.output.contains("    release notes: \(Self.source)/releases/tag/1.3.0\n"), "\(listed.output)")
        // 1.2.1 has no label: its entry has no link, and nothing else is made up.
        #expect(listed.output.components(separatedBy: "release notes:").count == 2, "\(listed.output)")
    }
}
