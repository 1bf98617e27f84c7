import Controller
import Foundation
import Testing

/// Issue 15 on the lab: `uid`/`gid` of an `environment`/`content` secret or config own the copied file, as they
/// do when Docker Compose starts the same file (run here on another engine, and compared).
@Suite("secret and config owners", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct FileObjectOwnerTests {
    @Test func copiedFilesBelongToUidAndGidAsUnderCompose() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try repo.writeStack("owners", """
        x-reconcile: {hosts: [nas], health: {min_ready: 1s}}
        services:
          app:
            image: lab/busybox:1
            command: ["sh", "-c", "stat -c 'owner %u %g %a %n' /run/secrets/token /deep/dir/key /etc/motd; touch /tmp/ready; sleep 3600"]
            healthcheck: {test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s}
            secrets:
              - {source: token, uid: "1000", gid: "1001", mode: 0440}
              - {source: key, target: /deep/dir/key, uid: "1002"}
            configs:
              - {source: motd, target: /etc/motd, gid: "1003"}
        secrets:
          token: {environment: API_TOKEN}
          key: {environment: API_KEY}
        configs:
          motd: {content: "welcome"}
        """)
        let folder = repo.root.appendingPathComponent("stacks/\(repo.stack("owners"))")
        try repo.write("stacks/\(repo.stack("owners"))/.env", "API_TOKEN=tok-\(repo.suffix)\nAPI_KEY=key-\(repo.suffix)\n")
        try repo.commit("owners")
        let applied = try await repo.cli(["apply"])
        #expect(applied.status == 0, "\(applied.output)")
        let ours = try await repo.docker("nas").logs("\(repo.stack("owners"))-app-1")
        let expected = ["owner 1000 1001 440 /run/secrets/token", "owner 1002 0 444 /deep/dir/key", "owner 0 1003 444 /etc/motd"]
        #expect(Self.ownerLines(ours) == expected, "\(ours)")

        // The same file started by Docker Compose on `iot`: the same owners.
        let project = "owners-oracle-\(repo.suffix)"
        let socket = try repo.lab.value("IOT_SOCK")
        let environment = ["DOCKER_HOST": "unix://\(socket)", "HOME": "/home/tester"]
        defer {
            _ = try? run(ComposeEqualityTests.composeBinary, ["--project-directory", folder.path, "-p", project, "down", "-t", "0"],
                         environment: environment)
        }
        let up = try await runAsync(ComposeEqualityTests.composeBinary, ["--project-directory", folder.path, "-p", project,
                                                                       "up", "-d", "--wait", "--pull", "never"],
                                    environment: environment)
        #expect(up.status == 0, "\(up.output)")
        let theirs = try await repo.docker("iot").logs("\(project)-app-1")
        #expect(Self.ownerLines(theirs) == Self.ownerLines(ours), "\(theirs)")
    }

    static func ownerLines(_ logs: String) -> [String] {
        logs.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("owner ") }
    }
}
