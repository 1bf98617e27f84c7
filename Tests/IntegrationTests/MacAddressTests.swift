import Controller
import Foundation
import Testing

/// Issue 15 on the lab: `mac_address` reaches the container as Compose sends it — in `Config.MacAddress` for
/// API 1.41, on the endpoint from API 1.44 — compared with `docker compose up` of the same file on the
/// same engine.
@Suite("mac_address", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct MacAddressTests {
    @Test(arguments: LabEngine.allCases)
    func macAddressAsComposeSetsIt(engine: LabEngine) async throws {
        let repo = try TestRepo(engine: engine)
        defer { repo.cleanUp() }
        let mac = "02:42:ac:11:\(engine == .docker20 ? "00" : "01"):\(String(format: "%02x", Int.random(in: 16...250)))"
        try repo.writeStack("mac", """
        x-reconcile: {hosts: [nas]}
        services:
          app:
            image: lab/busybox:1
            command: ["sleep", "3600"]
            mac_address: "\(mac)"
        """)
        try repo.commit("mac")
        let applied = try await repo.cli(["apply"])
        #expect(applied.status == 0, "\(applied.output)")

        let socket = try repo.lab.value(engine.socketKey)
        let folder = repo.root.appendingPathComponent("stacks/\(repo.stack("mac"))")
        let project = "mac-oracle-\(repo.suffix)"
        let environment = ["DOCKER_HOST": "unix://\(socket)", "HOME": "/home/tester"]
        defer {
            _ = try? run(ComposeEqualityTests.composeBinary, ["--project-directory", folder.path, "-p", project, "down", "-t", "0"],
                         environment: environment)
        }
        let created = try await runAsync(ComposeEqualityTests.composeBinary, ["--project-directory", folder.path, "-p", project,
                                                                            "up", "-d", "--pull", "never"], environment: environment)
        try #require(created.status == 0, "\(created.output)")
        let ours = try await Self.macs("\(repo.stack("mac"))-app-1", socket: socket, engine: engine)
        let theirs = try await Self.macs("\(project)-app-1", socket: socket, engine: engine)
        #expect(ours.config == theirs.config && ours.endpoints == theirs.endpoints, "reconcile \(ours) ≠ compose \(theirs)")
        #expect(ours.endpoints == [mac], "\(ours)")
    }

    /// `Config.MacAddress` and each endpoint's configured MAC address, as `docker inspect` shows them.
    static func macs(_ name: String, socket: String, engine: LabEngine) async throws -> (config: String, endpoints: [String]) {
        let version = engine == .docker20 ? [:] : ["DOCKER_API_VERSION": "1.44"]
        let result = try await runAsync("/usr/bin/docker", ["-H", "unix://\(socket)", "inspect", name], environment: version)
        let inspect = try #require((try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])?.first,
                                   "\(result.output)")
        let config = (inspect["Config"] as? [String: Any])?["MacAddress"] as? String ?? ""
        let networks = ((inspect["NetworkSettings"] as? [String: Any])?["Networks"] as? [String: Any]) ?? [:]
        let endpoints = networks.values.compactMap { ($0 as? [String: Any])?["MacAddress"] as? String }.filter { !$0.isEmpty }
        return (config, endpoints.sorted())
    }
}
