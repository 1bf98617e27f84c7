import Foundation
import Spec
import Testing
import Versions

/// `x-reconcile.updates` (issue 19): the version keys per stack, a service's own block over them, and the
/// older spellings that still mean what they meant.
struct UpdatePolicyTests {
    static let nas = "endpoint: unix:///var/run/docker.sock\nstacks: [web]\n"

    func load(_ compose: String) throws -> (LoadResult, TestRepository) {
        let repo = try TestRepository(hosts: ["nas": Self.nas])
        try repo.write("stacks/web/compose.yaml", compose)
        return (RepositoryLoader.load(root: repo.root.path, environment: [:]), repo)
    }

    @Test func serviceBlockOverridesTheStackKeyByKey() throws {
        let (result, repo) = try load("""
            x-reconcile:
              updates: {policy: semver, allow: minor, match: '^\\d+\\.\\d+\\.\\d+$', mode: auto, interval: 1h}
            services:
              web: {image: "ghcr.io/org/app:1.4.2"}
              db:
                image: postgres:16.4
                x-reconcile:
                  updates: {allow: patch, mode: notify, prereleases: true}
              cache:
                image: redis:7
                x-reconcile: {updates: {policy: pinned}}
            """)
        defer { repo.remove() }
        let stack = try #require(result.repository?.stack(named: "web"), "\(result.renderedDiagnostics)")
        let web = stack.updatePolicy(for: "web")
        #expect(web.mode == .semver && web.approval == .auto && web.interval == .seconds(3600))
        #expect(web.versions == VersionRule(allow: .minor, match: #"^\d+\.\d+\.\d+$"#, prereleases: false))
        let db = stack.updatePolicy(for: "db")
        #expect(db.mode == .semver && db.approval == .notify && db.interval == .seconds(3600))
        #expect(db.versions == VersionRule(allow: .patch, match: #"^\d+\.\d+\.\d+$"#, prereleases: true))
        let cache = stack.updatePolicy(for: "cache")
        #expect(cache.mode == .pinned && cache.versions == nil && cache.approval == nil)
    }

    @Test func semverDefaultsToPatchAndApproval() throws {
        let (result, repo) = try load("""
            x-reconcile: {updates: {policy: semver}}
            services:
              web: {image: "ghcr.io/org/app:1.4.2"}
            """)
        defer { repo.remove() }
        let policy = try #require(result.repository?.stack(named: "web")?.updates, "\(result.renderedDiagnostics)")
        #expect(policy.versions == VersionRule(allow: .patch) && policy.approval == .approve)
    }

    @Test func modeStillNamesTheDigestPolicies() throws {
        let (result, repo) = try load("""
            x-reconcile: {updates: {mode: pinned}}
            services:
              web: {image: nginx}
            """)
        defer { repo.remove() }
        let policy = try #require(result.repository?.stack(named: "web")?.updates, "\(result.renderedDiagnostics)")
        #expect(policy.mode == .pinned && policy.approval == nil)
    }

    @Test func unknownModeIsPositionedWithAHint() throws {
        let (result, repo) = try load("""
            x-reconcile: {updates: {policy: semver, mode: aprove}}
            services:
              web: {image: nginx:1.2.0}
            """)
        defer { repo.remove() }
        #expect(result.repository?.stack(named: "web") == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.rendered.hasPrefix("stacks/web/compose.yaml:1:47: error: unknown `updates.mode` value `aprove`"))
        #expect(diagnostic.message.contains("did you mean `approve`?"))
    }
}
