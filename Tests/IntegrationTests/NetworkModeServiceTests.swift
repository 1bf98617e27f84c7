import Controller
import Docker
import Foundation
import Testing

/// Issue 15: `network_mode: service:vpn` (the VPN-sidecar pattern) joins the vpn container's network namespace.
@Suite("network_mode: service:X on the lab", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct NetworkModeServiceTests {
    /// `app` reaches `vpn`'s web server on its own 127.0.0.1 only when it shares vpn's namespace; else it exits.
    func writeStack(_ repo: TestRepo, generation: Int) throws {
        try repo.writeStack("sidecar", """
        x-reconcile: {hosts: [nas], health: {min_ready: 1s}}
        services:
          vpn:
            image: lab/app:1
            environment: {GENERATION: "\(generation)"}
          app:
            image: lab/busybox:1
            network_mode: service:vpn
            command: ["sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://127.0.0.1:8080/ && exec sleep 3600; sleep 0.5; done; exit 1"]
        """)
    }

    @Test func theDependentJoinsTheTargetsContainerAndIsRecreatedWithIt() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try writeStack(repo, generation: 1)
        try repo.commit("vpn sidecar")
        let nas = try repo.docker("nas")
        let vpnName = "\(repo.stack("sidecar"))-vpn-1", appName = "\(repo.stack("sidecar"))-app-1"

        let first = try await repo.controller().apply(ApplyRequest())
        #expect(first.succeeded, "\(first.renderText())")
        let vpn = try await nas.inspectContainer(vpnName), app = try await nas.inspectContainer(appName)
        #expect(app.hostConfig?.networkMode == "container:\(vpn.id)")
        #expect(app.state.running)
        #expect(try await nas.logs(app.id).contains("lab app 1"), "app reached vpn's server on 127.0.0.1")

        try writeStack(repo, generation: 2)
        try repo.commit("new vpn config")
        let plan = try await repo.cli(["plan"])
        #expect(plan.output.contains("network_mode: service:vpn, and vpn is recreated"), "\(plan.output)")
        let second = try await repo.controller().apply(ApplyRequest())
        #expect(second.succeeded, "\(second.renderText())")
        let newVPN = try await nas.inspectContainer(vpnName), newApp = try await nas.inspectContainer(appName)
        #expect(newVPN.id != vpn.id && newApp.id != app.id)
        #expect(newApp.hostConfig?.networkMode == "container:\(newVPN.id)")
        #expect(newApp.state.running)
        #expect(HealthSupport.leftovers(try await repo.containers("sidecar", on: "nas").keys).isEmpty)

        let third = try await repo.controller().apply(ApplyRequest())
        #expect(third.succeeded && !third.hasChanges, "\(third.renderText())")
    }

    @Test func aTargetThatIsNoServiceIsAPositionedError() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try repo.writeStack("sidecar", """
        x-reconcile: {hosts: [nas]}
        services:
          vpn: {image: lab/app:1}
          app:
            image: lab/busybox:1
            network_mode: service:vnp
        """)
        try repo.commit("typo")
        let result = try await repo.cli(["validate"])
        #expect(result.status != 0)
        #expect(result.output.contains("compose.yaml:6:"), "\(result.output)")
        #expect(result.output.contains("`network_mode: service:vnp`, but `vnp` is not a service in this stack"), "\(result.output)")
        #expect(result.output.contains("did you mean `vpn`?"), "\(result.output)")
    }
}
