import Foundation
import Spec
import Testing

/// Project names like Compose: `COMPOSE_PROJECT_NAME` in the stack's `.env`, then top-level `name:`, then the
/// folder — checked against `docker-compose config` itself, so an existing install lands on its own volumes.
struct ProjectNameTests {
    static let nas = "endpoint: unix:///var/run/docker.sock\nstacks: [paperless-ngx]\n"

    @Test(arguments: [
        (nil, nil, "paperless-ngx"),
        ("paperless", nil, "paperless"),
        (nil, "paperless", "paperless"),
        ("fromname", "fromenv", "fromenv"),
    ] as [(String?, String?, String)])
    func followsCompose(name: String?, dotEnv: String?, expected: String) throws {
        let repo = try TestRepository(hosts: ["nas": Self.nas])
        defer { repo.remove() }
        let header = name.map { "name: \($0)\n" } ?? ""
        try repo.write("stacks/paperless-ngx/compose.yaml", header + "services:\n  broker: {image: redis, volumes: [data:/data]}\nvolumes:\n  data:\n")
        if let dotEnv { try repo.write("stacks/paperless-ngx/.env", "COMPOSE_PROJECT_NAME=\(dotEnv)\n") }
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        let stack = try #require(result.repository?.stack(named: "paperless-ngx"), "\(result.renderedDiagnostics)")
        #expect(stack.projectName == expected)
        #expect(stack.volumes["data"]?.name == "\(expected)_data")

        let oracle = try ComposeOracle.config(directory: repo.root.appendingPathComponent("stacks/paperless-ngx"),
                                              environment: ["PATH": "/usr/bin:/bin"])
        #expect(oracle["name"] as? String == expected)
        #expect(((oracle["volumes"] as? [String: Any])?["data"] as? [String: Any])?["name"] as? String == "\(expected)_data")
    }

    @Test func twoStacksWithOneProjectNameOnAHostNameBothFiles() throws {
        let repo = try TestRepository(hosts: ["nas": "endpoint: unix:///var/run/docker.sock\nstacks: [paperless, paperless-ngx]\n"])
        defer { repo.remove() }
        try repo.write("stacks/paperless/compose.yaml", "services:\n  a: {image: redis}\n")
        try repo.write("stacks/paperless-ngx/compose.yaml", "services:\n  b: {image: redis}\n")
        try repo.write("stacks/paperless-ngx/.env", "COMPOSE_PROJECT_NAME=paperless\n")
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("stacks/paperless-ngx/compose.yaml and stacks/paperless/compose.yaml both use project name `paperless` on host `nas`") == true
                || errors.first?.contains("stacks/paperless/compose.yaml and stacks/paperless-ngx/compose.yaml both use project name `paperless` on host `nas`") == true,
                "\(errors)")
        #expect(result.validStacks.isEmpty)
    }

    @Test func anInvalidProjectNameInDotEnvIsAnErrorAtItsLine() throws {
        let repo = try TestRepository(hosts: ["nas": Self.nas])
        defer { repo.remove() }
        try repo.write("stacks/paperless-ngx/compose.yaml", "services:\n  a: {image: redis}\n")
        try repo.write("stacks/paperless-ngx/.env", "# the project\nCOMPOSE_PROJECT_NAME=Paperless NGX\n")
        let errors = RepositoryLoader.load(root: repo.root.path, environment: [:]).diagnostics
            .filter { $0.severity == .error }.map(\.description)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("stacks/paperless-ngx/.env:2:1: error: `COMPOSE_PROJECT_NAME=Paperless NGX` is not a valid project name") == true)
    }
}
