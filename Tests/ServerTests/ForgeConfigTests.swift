import Foundation
import Testing
@testable import Server

/// `triggers.forge:` in reconcile.yaml: defaults, and errors that point at the line to fix.
struct ForgeConfigTests {
    @Test func readsAGiteaForgeAndDefaultsGitHubsAPI() throws {
        let (config, errors, root) = try TriggerConfigTests.load("""
            triggers:
              forge:
                kind: forgejo
                api: https://git.example.org/api/v1
                repo: homelab/infra
                token_file: DIR/token
                interval: 10s
                statuses: true
            """, files: ["token": "tok"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(errors.isEmpty)
        #expect(config.forge == ForgeConfig(kind: .forgejo, api: URL(string: "https://git.example.org/api/v1")!,
                                            repo: "homelab/infra", tokenFile: root.appendingPathComponent("token").path,
                                            interval: .seconds(10), statuses: true))
        let (github, none, other) = try TriggerConfigTests.load("triggers:\n  forge: {kind: github, repo: o/r}\n")
        defer { try? FileManager.default.removeItem(at: other) }
        #expect(none.isEmpty)
        #expect(github.forge?.api.absoluteString == "https://api.github.com")
        #expect(github.forge?.interval == .seconds(5))
        #expect(github.forge?.statuses == false)
    }

    @Test func pointsAtEachMistake() throws {
        let (config, errors, root) = try TriggerConfigTests.load("""
            triggers:
              forge:
                kind: gitlab
                repo: just-a-name
                intervall: 5s
            """)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(config.forge == nil)
        #expect(errors.contains { $0.contains("reconcile.yaml:5:5") && $0.contains("unknown key `intervall`")
                                  && $0.contains("interval") })
        #expect(errors.contains { $0.contains("reconcile.yaml:3:11") && $0.contains("unknown forge kind `gitlab`") })

        let (_, more, other) = try TriggerConfigTests.load("""
            triggers:
              forge:
                kind: gitea
                repo: just-a-name
                interval: 10ms
                statuses: yes
            """)
        defer { try? FileManager.default.removeItem(at: other) }
        #expect(more.contains { $0.contains("reconcile.yaml:4:11") && $0.contains("is not `owner/name`") })
        let (_, apiErrors, third) = try TriggerConfigTests.load("""
            triggers:
              forge: {kind: gitea, repo: o/r, interval: 10ms, statuses: yes}
            """)
        defer { try? FileManager.default.removeItem(at: third) }
        #expect(apiErrors.contains { $0.contains("reconcile.yaml:2:10") && $0.contains("needs `api:`") })
        let (_, last, fourth) = try TriggerConfigTests.load("""
            triggers:
              forge: {kind: github, repo: o/r, interval: 10ms, statuses: yes}
            """)
        defer { try? FileManager.default.removeItem(at: fourth) }
        #expect(last.contains { $0.contains("forge.interval `10ms`") })
        #expect(last.contains { $0.contains("forge.statuses must be true or false") })
        let (_, token, fifth) = try TriggerConfigTests.load("triggers:\n  forge: {kind: github, repo: o/r, statuses: true}\n")
        defer { try? FileManager.default.removeItem(at: fifth) }
        #expect(token.contains { $0.contains("reconcile.yaml:2:10") && $0.contains("forge.statuses needs `token_file:`") })
    }
}
