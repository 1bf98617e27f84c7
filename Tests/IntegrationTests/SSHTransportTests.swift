import Controller
import Foundation
import Glibc
import Logging
import Testing

/// Issue 24 on the lab: an `ssh://` host reached through a real sshd in the `iot` namespace, fronting its engine.
@Suite("Hosts over SSH", .enabled(if: Lab.isConfigured, Lab.skipReason), .serialized)
struct SSHTransportTests {
    /// A repo whose only host `iot` is reached over SSH, with one small stack on it.
    func sshRepo(_ server: LabSSHServer, identity: String = "client_key", pinned: String = "host_key") throws -> TestRepo {
        let repo = try TestRepo(hosts: ["iot": server.endpoint])
        try repo.write("hosts/iot.yaml", server.hostFile(identity: identity))
        try repo.write("ssh/known_hosts", server.knownHostsLine(hostKey: pinned))
        try repo.writeStack("sensors", """
        x-reconcile:
          hosts: [iot]
          health: {min_ready: 1s}
        services:
          poller:
            image: lab/busybox:1
            command: ["sh", "-c", "sleep 3600"]
        """)
        try repo.commit("iot over ssh")
        return repo
    }

    /// The settings of a daemon: one `SSHTunnels` shared by the controller of every pass.
    func controller(_ repo: TestRepo, tunnels: SSHTunnels) throws -> Controller {
        var settings = ControllerSettings(repository: repo.root, stateDirectory: repo.state, connectTimeout: .seconds(3),
                                          instance: repo.instance)
        settings.tunnels = tunnels
        var logger = Logger(label: "it")
        logger.logLevel = .warning
        return try Controller(settings: settings, logger: logger)
    }

    func controlPath(_ repo: TestRepo) -> String { repo.state.path + "/ssh/iot.ctl" }

    @Test func passOverSSHConvergesThenASecondIsANoOpAndNoSSHIsLeft() async throws {
        let server = try await offPool { try LabSSHServer(lab: Lab.load()) }
        defer { server.stop() }
        let repo = try sshRepo(server)
        defer { repo.cleanUp() }
        let tunnels = SSHTunnels()
        let first = try await controller(repo, tunnels: tunnels).apply(ApplyRequest())
        #expect(first.succeeded, "\(first.renderText())")
        #expect(try await repo.containers("sensors", on: "iot").keys.sorted() == ["\(repo.stack("sensors"))-poller-1"])
        #expect(sshProcesses(naming: controlPath(repo)).count == 1, "one control master for the host")

        let second = try await controller(repo, tunnels: tunnels).apply(ApplyRequest())
        #expect(second.succeeded && !second.hasChanges, "\(second.renderText())")
        #expect(second.hosts.first?.requests == 2, "a no-op pass lists twice: \(second.renderText())")
        await tunnels.closeAll()
        #expect(sshProcesses(naming: controlPath(repo)).isEmpty, "the master outlived closeAll")

        let status = try await repo.cli(["status"])
        #expect(status.output.contains("transport: ssh (control master"), "\(status.output)")
        #expect(status.output.contains("host key ED25519 \(try server.fingerprint("host_key"))"), "\(status.output)")
        #expect(sshProcesses(naming: controlPath(repo)).isEmpty, "`status` left ssh running")

        // The command line: `--once` starts its own master and ends it before exiting.
        let once = try await repo.cli(["--once"])
        #expect(once.status == 0, "\(once.output)")
        #expect(sshProcesses(naming: controlPath(repo)).isEmpty, "`--once` left ssh running")
        #expect(!FileManager.default.fileExists(atPath: repo.state.path + "/ssh/iot.sock"), "the forwarded socket stayed")
    }

    @Test func changedHostKeyIsRefusedShowingTheOfferedFingerprint() async throws {
        let server = try await offPool { try LabSSHServer(lab: Lab.load()) }
        defer { server.stop() }
        let repo = try sshRepo(server, pinned: "other_host_key")
        defer { repo.cleanUp() }
        let run = try await repo.cli(["--once"])
        #expect(run.status != 0)
        #expect(run.output.contains("host iot (ssh://root@127.0.0.1:\(server.port)): host key CHANGED"), "\(run.output)")
        #expect(run.output.contains(try server.fingerprint("host_key")), "the offered fingerprint is shown: \(run.output)")
        #expect(sshProcesses(naming: controlPath(repo)).isEmpty)
        let pinned = try String(contentsOfFile: repo.root.path + "/ssh/known_hosts", encoding: .utf8)
        #expect(pinned == (try server.knownHostsLine(hostKey: "other_host_key")), "known_hosts was changed")
        #expect(try await repo.containers("sensors", on: "iot").isEmpty)
    }

    @Test func unknownHostKeyIsRefusedShowingTheOfferedFingerprint() async throws {
        let server = try await offPool { try LabSSHServer(lab: Lab.load()) }
        defer { server.stop() }
        let repo = try sshRepo(server)
        defer { repo.cleanUp() }
        // A hashed entry (`ssh-keygen -H`) passes the loader's check, which cannot read it; it names another host.
        let pub = try String(contentsOfFile: server.key("host_key") + ".pub", encoding: .utf8).split(separator: " ")
        try repo.write("ssh/known_hosts", "|1|c29tZXNhbHRzb21lc2FsdA==|aGFzaG9mYW5vdGhlcmhvc3Q= \(pub[0]) \(pub[1])\n")
        try repo.commit("a key pinned for another host")
        let report = try await controller(repo, tunnels: SSHTunnels()).apply(ApplyRequest())
        let error = report.hosts.first?.error ?? ""
        #expect(error.contains("host iot (ssh://root@127.0.0.1:\(server.port)): host key not pinned: the server offered"), "\(error)")
        #expect(error.contains(try server.fingerprint("host_key")), "the offered fingerprint is shown: \(error)")
        #expect(sshProcesses(naming: controlPath(repo)).isEmpty)
    }

    @Test func wrongKeyIsRefusedAsAnAuthenticationFailure() async throws {
        let server = try await offPool { try LabSSHServer(lab: Lab.load()) }
        defer { server.stop() }
        let repo = try sshRepo(server, identity: "stranger_key")
        defer { repo.cleanUp() }
        let report = try await controller(repo, tunnels: SSHTunnels()).apply(ApplyRequest())
        let host = try #require(report.hosts.first)
        #expect(!host.reachable)
        #expect(host.error?.contains("host iot (ssh://root@127.0.0.1:\(server.port)): authentication failed for user root") == true,
                "\(report.renderText())")
        #expect(sshProcesses(naming: controlPath(repo)).isEmpty)
    }

    @Test func closedPortIsATCPFailureNamingTheHost() async throws {
        let server = try await offPool { try LabSSHServer(lab: Lab.load()) }
        let repo = try sshRepo(server)
        defer { repo.cleanUp() }
        defer { server.stop() }
        server.stop(keepingKeys: true)  // its port is now closed
        let report = try await controller(repo, tunnels: SSHTunnels()).apply(ApplyRequest())
        let error = report.hosts.first?.error ?? ""
        #expect(error.contains("host iot (ssh://root@127.0.0.1:\(server.port)): TCP: cannot connect"), "\(report.renderText())")
    }

    @Test func killedControlMasterIsReplacedOnTheNextPass() async throws {
        let server = try await offPool { try LabSSHServer(lab: Lab.load()) }
        defer { server.stop() }
        let repo = try sshRepo(server)
        defer { repo.cleanUp() }
        let tunnels = SSHTunnels()
        defer { Task { await tunnels.closeAll() } }
        #expect(try await controller(repo, tunnels: tunnels).apply(ApplyRequest()).succeeded)
        let masters = sshProcesses(naming: controlPath(repo))
        try #require(masters.count == 1)
        // Started from a dispatch thread, the master still takes SIGTERM like any daemon: no signal blocked.
        let status = try String(contentsOfFile: "/proc/\(masters[0])/status", encoding: .utf8)
        #expect(status.contains("SigBlk:\t0000000000000000"), "\(status)")
        kill(masters[0], SIGKILL)
        // Reaped by init; the sockets it left behind stay until the next master replaces them.
        let next = try await controller(repo, tunnels: tunnels).apply(ApplyRequest())
        #expect(next.succeeded && next.hosts.first?.reachable == true, "\(next.renderText())")
        let replaced = sshProcesses(naming: controlPath(repo))
        #expect(replaced.count == 1 && replaced != masters, "\(replaced)")
        await tunnels.closeAll()
        #expect(sshProcesses(naming: controlPath(repo)).isEmpty)
    }

    @Test func daemonEndsItsControlMasterWhenItStops() async throws {
        let server = try await offPool { try LabSSHServer(lab: Lab.load()) }
        defer { server.stop() }
        let repo = try sshRepo(server)
        defer { repo.cleanUp() }
        let daemon = Process()
        daemon.executableURL = TestRepo.binary
        daemon.arguments = ["daemon", "--repo", repo.root.path, "--state-dir", repo.state.path, "--instance", repo.instance,
                            "--listen", "127.0.0.1:\(try LabSSHServer.freePort())", "--interval", "1h", "--registry-poll", "off"]
        let log = repo.root.appendingPathComponent("daemon.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        daemon.standardOutput = handle
        daemon.standardError = handle
        try daemon.run()
        // The start-up pass opens the master; the container it creates says the pass went through it.
        var converged = false
        for _ in 0..<300 where !converged {
            converged = try await !repo.containers("sensors", on: "iot").isEmpty && sshProcesses(naming: controlPath(repo)).count == 1
            if !converged { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(converged, "\(String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self))")
        daemon.terminate()
        daemon.waitUntilExit()
        #expect(sshProcesses(naming: controlPath(repo)).isEmpty, "the daemon left ssh running")
    }
}
