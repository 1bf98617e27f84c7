import Controller
import Docker
import Foundation
import Testing

/// Issue 15: pulls from a registry that needs a login send `X-Registry-Auth` from Docker's `config.json`.
@Suite("Private images on the lab", .enabled(if: Lab.isConfigured, Lab.skipReason), .serialized)
struct PrivateImageTests {
    /// A stack on nas running `image` from the private registry.
    func writeStack(_ repo: TestRepo, image: String) throws {
        try repo.writeStack("private", """
        x-reconcile: {hosts: [nas], health: {min_ready: 0s}}
        services:
          app: {image: "\(image)", command: ["sleep", "3600"]}
        """)
    }

    /// A private registry holding `image` (pushed with `login`), and a committed stack on nas that runs it.
    func privateImage(_ repo: TestRepo) throws -> (PrivateRegistry, URL, String) {
        let registry = try PrivateRegistry(directory: FileManager.default.temporaryDirectory
            .appendingPathComponent("reconcile-registry-\(repo.suffix)"))
        do {
            let login = try registry.dockerConfig(at: registry.directory.appendingPathComponent("login"))
            let image = "\(registry.address)/private/app-\(repo.suffix):1"
            try registry.push("lab/busybox:1", as: image, socket: try repo.lab.value("NAS_SOCK"), config: login)
            try writeStack(repo, image: image)
            try repo.commit("private image")
            return (registry, login, image)
        } catch {
            registry.stop()
            throw error
        }
    }

    /// Everything the state directory holds, as text, to look for the password in.
    func stateText(_ repo: TestRepo) throws -> String {
        let files = FileManager.default.enumerator(at: repo.state, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? []
        return try files.filter { !$0.hasDirectoryPath }
            .map { String(decoding: try Data(contentsOf: $0), as: UTF8.self) }.joined(separator: "\n")
    }

    @Test func pullsWithTheInstallationsLoginAndKeepsThePasswordOutOfTheRecords() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let (registry, login, image) = try await offPool { try privateImage(repo) }
        defer { registry.stop() }

        let anonymous = registry.directory.appendingPathComponent("anonymous")
        try FileManager.default.createDirectory(at: anonymous, withIntermediateDirectories: true)
        let refused = try await repo.controller(environment: ["DOCKER_CONFIG": anonymous.path]).apply(ApplyRequest())
        let stack = try #require(refused.hosts.flatMap(\.stacks).first { $0.stack == repo.stack("private") })
        #expect(stack.outcome == .failed && stack.error?.contains("pull \(image) failed") == true, "\(refused.renderText())")
        #expect(try await repo.containers("private", on: "nas").isEmpty)

        let report = try await repo.controller(environment: ["DOCKER_CONFIG": login.path]).apply(ApplyRequest())
        #expect(report.succeeded, "\(report.renderText())")
        let app = try await repo.docker("nas").inspectContainer("\(repo.stack("private"))-app-1")
        #expect(app.state.running && app.config.image == image)

        let recorded = try stateText(repo)
        #expect(!recorded.isEmpty)
        #expect(!recorded.contains(PrivateRegistry.password))
        #expect(!report.renderText().contains(PrivateRegistry.password))
        try await repo.docker("nas").removeContainer(app.id, force: true)
        try await repo.docker("nas").removeImage(image)
    }

    @Test func aHostsOwnDockerConfigOverridesTheInstallations() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let (registry, login, image) = try await offPool { try privateImage(repo) }
        defer { registry.stop() }
        let wrong = try registry.dockerConfig(at: registry.directory.appendingPathComponent("wrong"), password: "not-the-password")

        let refused = try await repo.controller(environment: ["DOCKER_CONFIG": wrong.path]).apply(ApplyRequest())
        #expect(!refused.succeeded, "a wrong password must not pull: \(refused.renderText())")
        #expect(!refused.renderText().contains("not-the-password"))

        let nas = try repo.lab.value("NAS_SOCK")
        try repo.write("hosts/nas.yaml", "endpoint: unix://\(nas)\nvlan: main\ndocker_config: \(login.path)/config.json\n")
        try repo.commit("nas logs in on its own")
        let report = try await repo.controller(environment: ["DOCKER_CONFIG": wrong.path]).apply(ApplyRequest())
        #expect(report.succeeded, "\(report.renderText())")
        #expect(try await repo.docker("nas").inspectContainer("\(repo.stack("private"))-app-1").state.running)
        try await repo.docker("nas").removeContainer("\(repo.stack("private"))-app-1", force: true)
        try await repo.docker("nas").removeImage(image)
    }

    @Test func aCredentialHelperNamedInTheConfigGivesTheLogin() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let (registry, _, image) = try await offPool { try privateImage(repo) }
        defer { registry.stop() }

        // A real helper process speaking the protocol: the registry on stdin, the login as JSON on stdout.
        let bin = registry.directory.appendingPathComponent("bin"), helpers = registry.directory.appendingPathComponent("helpers")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let helper = bin.appendingPathComponent("docker-credential-labtest")
        try """
        #!/bin/sh
        read server
        [ "$1" = get ] && [ "$server" = "\(registry.address)" ] || { echo "credentials not found in native keychain"; exit 1; }
        printf '{"ServerURL":"%s","Username":"\(PrivateRegistry.user)","Secret":"\(PrivateRegistry.password)"}' "$server"
        """.write(to: helper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: helper.path)
        try FileManager.default.createDirectory(at: helpers, withIntermediateDirectories: true)
        try #"{"auths": {}, "credHelpers": {"\#(registry.address)": "labtest"}}"#
            .write(to: helpers.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)

        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let report = try await repo.controller(environment: ["DOCKER_CONFIG": helpers.path, "PATH": path]).apply(ApplyRequest())
        #expect(report.succeeded, "\(report.renderText())")
        #expect(try await repo.docker("nas").inspectContainer("\(repo.stack("private"))-app-1").state.running)
        #expect(!(try stateText(repo)).contains(PrivateRegistry.password))
        try await repo.docker("nas").removeContainer("\(repo.stack("private"))-app-1", force: true)
        try await repo.docker("nas").removeImage(image)
    }
}
