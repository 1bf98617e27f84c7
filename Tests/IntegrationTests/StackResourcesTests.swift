import Controller
import Docker
import Foundation
import Planner
import Testing

/// A stack's own networks and volumes are created labelled as reconcile's; an external one that is missing stops
/// the stack before anything is created, with the file, key and host in the error.
@Suite("Networks and volumes of a stack", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct StackResourcesTests {
    static func stack(external: String) -> String {
        """
        x-reconcile: {hosts: [nas], health: {min_ready: 0s}}
        services:
          app:
            image: lab/busybox:1
            command: ["sh", "-c", "sleep 3600"]
            networks: [own, shared]
            volumes: ["data:/data"]
        networks:
          own: {}
          shared: {external: true, name: \(external)}
        volumes:
          data: {}
        """
    }

    @Test func aMissingExternalNetworkStopsTheStackThenItsOwnResourcesAreCreatedLabelled() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let external = "ext-\(repo.suffix)", stack = repo.stack("res")
        try repo.writeStack("res", Self.stack(external: external))
        try repo.commit("a stack on an external network that is not there yet")
        let docker = try repo.docker("nas")

        let refused = try await repo.controller().apply(ApplyRequest())
        let report = try #require(refused.hosts.first { $0.host == "nas" }?.stacks.first { $0.stack == stack })
        #expect(report.outcome == .failed)
        #expect(report.error == "external network \(external) (stacks/\(stack)/compose.yaml: networks.shared) does not exist "
                + "on nas; create it there, or drop `external: true` to let reconcile create it", "\(report)")
        #expect(try await repo.containers("res", on: "nas").isEmpty)
        let own = "\(stack)_own"
        #expect(try await docker.listNetworks(filters: DockerFilters(["name": [own]])).filter { $0.name == own }.isEmpty,
                "nothing of the stack is created while an external network is missing")

        _ = try await docker.createNetwork(NetworkCreateRequest(name: external))
        let applied = try await repo.controller().apply(ApplyRequest())
        #expect(applied.succeeded, "\(applied.renderText())")
        #expect(try await repo.containers("res", on: "nas")["\(stack)-app-1"]?.state == "running")
        let networks = try await docker.listNetworks(filters: DockerFilters(["name": [own, external]]))
        let created = try #require(networks.first { $0.name == own })
        #expect(created.labels?[ManagedLabels.stack] == stack && created.labels?[ManagedLabels.network] == "own")
        #expect(created.labels?[ManagedLabels.instance] == repo.instance)
        #expect(networks.first { $0.name == external }?.labels?[ManagedLabels.stack] == nil, "the external one is not relabelled")
        let volume = try #require(try await docker.listVolumes(filters: DockerFilters(["name": ["\(stack)_data"]]))
            .first { $0.name == "\(stack)_data" })
        #expect(volume.labels?[ManagedLabels.stack] == stack && volume.labels?[ManagedLabels.volume] == "data")
    }
}
