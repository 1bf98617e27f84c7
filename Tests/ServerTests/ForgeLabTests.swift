import Controller
import Foundation
import Testing
@testable import Server

/// A daemon following a real bare git repo polls a fake forge (on loopback) for the branch head: 304s run no pass,
/// a new head deploys that commit on the lab engine `nas`, and each deploy (or refusal) is reported back as a
/// commit status.
@Suite(.serialized, .enabled(if: Lab.enabled, "needs `scripts/lab up` and RECONCILE_LAB=1"))
struct ForgeLabTests {
    @Test func aNewHeadDeploysAndIsReportedBack() async throws {
        let unique = "f" + UUID().uuidString.prefix(8).lowercased()
        let stack = "fg\(unique)", container = "\(stack)-app-1"
        let repo = try await GitTestRepo.make(hosts: MQTTSubscriptionTests.hosts)
        let forge = try await FakeForge.start(head: "0000000")
        defer { forge.stop(); repo.remove(); Lab.removeStack(stack) }
        let tokenFile = repo.root.appendingPathComponent("forge-token")
        try "tok_\(unique)\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        try repo.write("reconcile.yaml", """
            triggers:
              forge:
                kind: github
                api: \(forge.api)
                repo: homelab/infra
                token_file: \(tokenFile.path)
                interval: 1s
                statuses: true
            """)
        try repo.write("stacks/\(stack)/compose.yaml", MQTTSubscriptionTests.stack("1"))
        let first = try await repo.commitAndPush("first")
        try forge.setHead(first)

        // No timer and no `git ls-remote` poll within the test: only the forge can bring a new commit.
        let daemon = try await RunningDaemon.following(repo, stack: stack)
        defer { Task { await daemon.stop() } }
        let status = { await daemon.daemon.state.status() }
        #expect(await eventually(60) { await status().commit == first })

        // The startup pass's commit is reported once the forge settings are read.
        let statusPath = "/repos/homelab/infra/statuses/"
        #expect(await eventually(30) { forge.statuses.contains { $0.path == statusPath + first } })

        // Nothing moved: the forge answers 304, and no pass runs.
        let notModified = { forge.requests.filter { $0.status == 304 }.count }
        #expect(await eventually(30) { notModified() >= 1 })
        let passes = await status().passes
        #expect(await eventually(30) { notModified() >= 4 })
        #expect(await status().passes == passes)
        #expect(forge.requests.filter { $0.method == "GET" }.allSatisfy { $0.auth == "Bearer tok_\(unique)" })

        // A push the forge reports: one pass deploys exactly that commit, and the status says so.
        try repo.write("stacks/\(stack)/compose.yaml", MQTTSubscriptionTests.stack("2"))
        let second = try await repo.commitAndPush("second")
        try forge.setHead(second)
        #expect(await eventually(60) { await status().commit == second })
        #expect(await status().lastPass?.triggers == ["forge:git:\(second)"])
        #expect(try Lab.docker(["inspect", "-f", "{{range .Config.Env}}{{println .}}{{end}}", container]).contains("VERSION=2"))
        #expect(await eventually(30) { forge.statuses.contains { $0.path == statusPath + second } })
        let posted = try #require(forge.statuses.first { $0.path == statusPath + second })
        #expect(posted.auth == "Bearer tok_\(unique)")
        #expect(posted.body["context"] == "reconcile/nas")
        #expect(posted.body["state"] == "success")
        #expect(posted.body["description"] == "nas: 1 applied")
        #expect(await status().forge?.head == second)
        #expect(await status().forge?.branch == "main")
        #expect(try await daemon.request("GET", "/api/status").body.contains("\"lastResult\""))

        // The status endpoint fails: the pass still deploys, the failed post is counted.
        try forge.setStatusCode(500)
        try repo.write("stacks/\(stack)/compose.yaml", MQTTSubscriptionTests.stack("3"))
        let third = try await repo.commitAndPush("third")
        try forge.setHead(third)
        #expect(await eventually(60) { await status().commit == third })
        #expect(await status().lastPass?.outcome == .success)
        #expect(try Lab.docker(["inspect", "-f", "{{range .Config.Env}}{{println .}}{{end}}", container]).contains("VERSION=3"))
        let counted = await eventually(30) {
            (try? await daemon.request("GET", "/metrics").body.contains("reconcile_commit_statuses_total{result=\"failed\"} 1")) == true
        }
        #expect(counted)
        #expect(forge.statuses.contains { $0.path == statusPath + third && $0.status == 500 })

        // A commit that does not load (a broken host file: a broken stack would only hold that stack): nothing is
        // deployed, and the push shows `failure` for the host, saying why.
        try forge.setStatusCode(201)
        try repo.write("hosts/nas.yaml", "endpoint: [\n")
        let bad = try await repo.commitAndPush("bad")
        try forge.setHead(bad)
        #expect(await eventually(60) { await status().invalidCommit?.commit == bad })
        #expect(await eventually(30) { forge.statuses.contains { $0.path == statusPath + bad } })
        let refused = try #require(forge.statuses.first { $0.path == statusPath + bad })
        #expect(refused.body["context"] == "reconcile/nas")
        #expect(refused.body["state"] == "failure")
        #expect(refused.body["description"]?.hasPrefix("not deployed, the commit does not load: hosts/nas.yaml:") == true)
        #expect(Lab.isRunning(container))
        await daemon.stop()
    }
}
