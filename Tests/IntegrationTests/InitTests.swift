import Foundation
import Testing

/// Issue 26: `reconcile init` starts a repository that validates as it is, and one `adopt` makes valid too;
/// it never writes over anything.
@Suite("reconcile init", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct InitTests {
    static func fresh() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reconcile-init-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func reconcile(_ args: [String]) async throws -> (status: Int32, output: String) {
        try await runAsync(TestRepo.binary.path, args)
    }

    @Test func initThenValidatePasses() async throws {
        let folder = try Self.fresh()
        defer { try? FileManager.default.removeItem(at: folder) }
        let socket = try Lab.load().value("NAS_SOCK")
        let made = try await Self.reconcile(["init", "--repo", folder.path, "--host", "nas=unix://\(socket)"])
        #expect(made.status == 0, "\(made.output)")
        for path in ["hosts/nas.yaml", "reconcile.yaml", ".gitignore", "hooks/post-receive", "README.md"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(path) missing")
        }
        let hook = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("hooks/post-receive").path)
        #expect((hook[.posixPermissions] as? Int).map { $0 & 0o111 != 0 } == true, "the hook is executable")
        let validate = try await Self.reconcile(["validate", "--repo", folder.path])
        #expect(validate.status == 0, "\(validate.output)")
    }

    @Test func initRefusesToOverwrite() async throws {
        let folder = try Self.fresh()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# mine\n".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let made = try await Self.reconcile(["init", "--repo", folder.path])
        #expect(made.status != 0)
        #expect(made.output.contains("README.md exists already"), "\(made.output)")
        #expect(try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8) == "# mine\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("hosts").path), "nothing else was written")
    }

    @Test func theHookIsTheOneInScripts() async throws {
        let folder = try Self.fresh()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await Self.reconcile(["init", "--repo", folder.path, "--host", "a=unix:///nowhere.sock"])
        let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/hooks/post-receive")
        let written = try String(contentsOf: folder.appendingPathComponent("hooks/post-receive"), encoding: .utf8)
        #expect(written == (try String(contentsOf: scripts, encoding: .utf8)))
    }

    @Test func initAdoptValidate() async throws {
        let folder = try Self.fresh()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lab = try Lab.load()
        let socket = try lab.value("NAS_SOCK")
        let name = Lab.uniqueName("init-adopt")
        let docker = try lab.client("nas")
        try await withCleanup(docker, containers: [name]) {
            let started = try await runAsync("/usr/bin/docker", ["-H", "unix://\(socket)", "run", "-d", "--name", name,
                                                                 "-e", "PORT=80", "lab/busybox:1", "sleep", "3600"])
            try #require(started.status == 0, "\(started.output)")
            let made = try await Self.reconcile(["init", "--repo", folder.path, "--host", "nas=unix://\(socket)"])
            try #require(made.status == 0, "\(made.output)")
            let adopted = try await Self.reconcile(["adopt", "--repo", folder.path, "--state-dir", folder.appendingPathComponent(".state").path,
                                                    "--host", "nas", "--project", name])
            #expect(adopted.status == 0, "\(adopted.output)")
            let validate = try await Self.reconcile(["validate", "--repo", folder.path])
            #expect(validate.status == 0, "\(validate.output)")
            let hostFile = try String(contentsOf: folder.appendingPathComponent("hosts/nas.yaml"), encoding: .utf8)
            #expect(hostFile.contains("stacks: [\(name)]  #"), "the comment stays: \(hostFile)")
        }
    }
}
