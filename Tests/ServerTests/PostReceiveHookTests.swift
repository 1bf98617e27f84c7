import Foundation
import Testing
@testable import Server

/// `scripts/hooks/post-receive` installed in a real bare repo: a push pokes the daemon, which fetches that commit.
@Suite(.serialized) struct PostReceiveHookTests {
    static var script: URL { Lab.packageRoot.appendingPathComponent("scripts/hooks/post-receive") }
    static var binaryDirectory: URL { Lab.packageRoot.appendingPathComponent(".build/debug") }

    /// Both ways the hook signs: through `reconcile trigger` when it is on PATH, else curl + openssl.
    @Test(arguments: [true, false])
    func pushTriggersAPassOnThatCommit(useBinary: Bool) async throws {
        if useBinary {
            try #require(FileManager.default.isExecutableFile(atPath: Self.binaryDirectory.appendingPathComponent("reconcile").path),
                         "build the reconcile binary first")
        }
        let repo = try await GitTestRepo.make(copying: Fixtures.repo)
        defer { repo.remove() }
        _ = try await repo.commitAndPush("initial")
        let log = PassLog()
        let secretFile = repo.root.appendingPathComponent("hook.secret")
        try "hook-secret\n".write(to: secretFile, atomically: true, encoding: .utf8)
        let source = GitSource(url: repo.bare.path, branch: "main", stateDirectory: repo.root.appendingPathComponent("state"),
                               environment: [:], logger: GitSourceTests.quiet)
        let daemon = try await RunningDaemon.start(
            settings: DaemonSettings(interval: .seconds(3600), gitPoll: .seconds(3600), gitSecret: try Secret.read(file: secretFile.path)),
            source: source, runner: FakeRunner(log: log))
        #expect(await eventually { await log.count == 1 })

        let path = (useBinary ? Self.binaryDirectory.path + ":" : "") + "/usr/local/bin:/usr/bin:/bin"
        try """
            #!/bin/sh
            export PATH='\(path)' RECONCILE_URL='http://127.0.0.1:\(daemon.port)' RECONCILE_WEBHOOK_SECRET_FILE='\(secretFile.path)'
            exec '\(Self.script.path)'
            """.write(to: repo.bare.appendingPathComponent("hooks/post-receive"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755],
                                              ofItemAtPath: repo.bare.appendingPathComponent("hooks/post-receive").path)

        try repo.write("stacks/shop/note.txt", "changed\n")
        let pushed = try await repo.commitAndPush("change")
        #expect(await eventually { await log.allTriggers.contains("api:post-receive:\(pushed)") })
        let live = try #require(await source.passDirectory())
        #expect(try await GitRunner().run(["rev-parse", "HEAD"], in: live).hasPrefix(pushed))
        await daemon.stop()
    }
}
