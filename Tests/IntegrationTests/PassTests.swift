import Controller
import Docker
import Foundation
import Planner
import Testing

/// Issue 4 on the lab: one pass converges both hosts; later passes touch only what changed.
@Suite("Plan and apply on the lab", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct PassTests {
    /// A web stack on nas (two services, one depending on the other) and a small stack on iot.
    func homelab(_ repo: TestRepo, logLevel: String = "info") throws {
        try repo.writeStack("web", """
        x-reconcile:
          hosts: [nas]
          health: {min_ready: 1s}
        services:
          site:
            image: lab/app:1
            environment:
              LOG_LEVEL: \(logLevel)
              DB_PASSWORD: hunter2-secret-value
          worker:
            image: lab/busybox:1
            command: sh -c "sleep 3600"
            depends_on: [site]
        """)
        try repo.writeStack("sensors", """
        x-reconcile:
          hosts: {vlan: iot}
          health: {min_ready: 1s}
        services:
          poller:
            image: lab/busybox:1
            command: ["sh", "-c", "sleep 3600"]
            env_file: poller.env
        """)
        try repo.write("stacks/\(repo.stack("sensors"))/poller.env", "MQTT_PASSWORD=env-file-secret-value\n")
    }

    @Test(arguments: LabEngine.allCases)
    func firstPassCreatesEverythingAndSecondPassOnlyLists(engine: LabEngine) async throws {
        let repo = try TestRepo(engine: engine)
        defer { repo.cleanUp() }
        try homelab(repo)
        try repo.commit("homelab")
        let first = try await repo.controller().apply(ApplyRequest())
        #expect(first.succeeded, "\(first.renderText())")
        #expect(try await repo.containers("web", on: "nas").keys.sorted()
            == ["\(repo.stack("web"))-site-1", "\(repo.stack("web"))-worker-1"])
        #expect(try await repo.containers("sensors", on: "iot").keys.sorted() == ["\(repo.stack("sensors"))-poller-1"])
        #expect(try await repo.containers("web", on: "iot").isEmpty)
        #expect(first.hosts.flatMap(\.stacks).filter { $0.stack.hasSuffix(repo.suffix) }.allSatisfy { $0.revision != nil })

        repo.resetCounts()
        // A new Controller, as the daemon makes for every pass: the agreed API version outlives it.
        let second = try await repo.controller().apply(ApplyRequest())
        #expect(second.succeeded && !second.hasChanges, "\(second.renderText())")
        for host in ["nas", "iot"] {
            let requests = repo.requests(host)
            #expect(requests.filter { $0.contains("/containers/json") }.count == 1, "\(host): \(requests)")
            #expect(requests.allSatisfy { $0.hasPrefix("GET ") }, "\(host) mutated: \(requests)")
            #expect(!requests.contains { $0.contains("/json") && $0.contains("/containers/") && !$0.contains("/containers/json") },
                    "\(host) inspected: \(requests)")
            #expect(requests.count == 2, "\(host): \(requests)")
        }
    }

    @Test(arguments: LabEngine.allCases)
    func changedEnvironmentRecreatesOnlyThatContainer(engine: LabEngine) async throws {
        let repo = try TestRepo(engine: engine)
        defer { repo.cleanUp() }
        try homelab(repo)
        try repo.commit("homelab")
        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)
        let before = try await repo.containers("web", on: "nas")
        let sensorsBefore = try await repo.containers("sensors", on: "iot")
        let workerStarted = try await repo.docker("nas").inspectContainer("\(repo.stack("web"))-worker-1").state.startedAt

        try homelab(repo, logLevel: "debug")
        try repo.commit("more logs")
        let plan = try await repo.cli(["plan", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan.output)")
        #expect(plan.output.contains("~ recreate site (\(repo.stack("web"))-site-1): environment LOG_LEVEL changed"),
                "\(plan.output)")
        #expect(plan.output.contains("\(repo.stack("sensors")): in sync (1 service)"), "\(plan.output)")

        let report = try await repo.controller().apply(ApplyRequest())
        #expect(report.succeeded, "\(report.renderText())")
        let after = try await repo.containers("web", on: "nas")
        let site = "\(repo.stack("web"))-site-1", worker = "\(repo.stack("web"))-worker-1"
        #expect(after[site]?.id != before[site]?.id)
        #expect(after[worker]?.id == before[worker]?.id)
        #expect(try await repo.docker("nas").inspectContainer(worker).state.startedAt == workerStarted)
        #expect(try await repo.containers("sensors", on: "iot").mapValues(\.id) == sensorsBefore.mapValues(\.id))
        #expect(after.keys.allSatisfy { !$0.hasSuffix(".prev") && !$0.hasSuffix(".next") })

        let noop = try await repo.cli(["plan", "--detailed-exitcode"])
        #expect(noop.status == 0, "\(noop.output)")
    }

    @Test func newImageBehindTheSameTagRecreatesItsUsersOnEveryHost() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let tag = "lab/it-\(repo.suffix):stable"
        for host in ["nas", "iot"] { try await repo.docker(host).tagImage("lab/app:1", as: tag) }
        defer {
            Task { for host in ["nas", "iot"] { try? await repo.docker(host).removeImage(tag) } }
        }
        for (name, host) in [("front", "nas"), ("edge", "iot")] {
            try repo.writeStack(name, """
            x-reconcile: {hosts: [\(host)], health: {min_ready: 1s}}
            services:
              app: {image: "\(tag)"}
              other: {image: lab/busybox:1, command: sleep 3600}
            """)
        }
        try repo.commit("same tag on two hosts")
        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)
        let front = try await repo.containers("front", on: "nas"), edge = try await repo.containers("edge", on: "iot")

        for host in ["nas", "iot"] { try await repo.docker(host).tagImage("lab/app:2", as: tag) }
        let plan = try await repo.cli(["plan"])
        #expect(plan.output.contains("image \(tag) changed sha256:"), "\(plan.output)")
        let report = try await repo.controller().apply(ApplyRequest())
        #expect(report.succeeded, "\(report.renderText())")
        let front2 = try await repo.containers("front", on: "nas"), edge2 = try await repo.containers("edge", on: "iot")
        for (old, new, stack) in [(front, front2, repo.stack("front")), (edge, edge2, repo.stack("edge"))] {
            #expect(new["\(stack)-app-1"]?.id != old["\(stack)-app-1"]?.id)
            #expect(new["\(stack)-other-1"]?.id == old["\(stack)-other-1"]?.id)
        }
        let v2 = try await repo.docker("nas").inspectImage("lab/app:2").id
        #expect(front2["\(repo.stack("front"))-app-1"]?.imageID == v2)
    }

    @Test(arguments: LabEngine.allCases)
    func removedServiceIsRemovedAndUnmanagedLookalikesSurvive(engine: LabEngine) async throws {
        let repo = try TestRepo(engine: engine)
        defer { repo.cleanUp() }
        try homelab(repo)
        try repo.commit("homelab")
        let nas = try repo.docker("nas")
        // Another tool's container, named like ours and labelled like Compose's.
        let stranger = "\(repo.stack("web"))-worker-2"
        _ = try await nas.createContainer(name: stranger, ContainerCreateRequest(
            config: ContainerConfig(image: "lab/busybox:1", cmd: ["sleep", "3600"],
                                    labels: ["com.docker.compose.project": repo.stack("web"),
                                             "com.docker.compose.service": "worker"])))
        try await nas.startContainer(stranger)
        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)

        try repo.writeStack("web", """
        x-reconcile: {hosts: [nas], health: {min_ready: 1s}}
        services:
          site:
            image: lab/app:1
            environment: {LOG_LEVEL: info, DB_PASSWORD: hunter2-secret-value}
            volumes: [data:/data]
        volumes:
          data: {}
        """)
        try repo.commit("worker retired")
        let plan = try await repo.cli(["plan"])
        #expect(plan.output.contains("- remove worker (\(repo.stack("web"))-worker-1): service worker removed from repo"),
                "\(plan.output)")
        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)
        #expect(try await repo.containers("web", on: "nas").keys.sorted() == ["\(repo.stack("web"))-site-1"])

        try repo.remove("stacks/\(repo.stack("web"))")
        try repo.commit("web retired")
        let plan2 = try await repo.cli(["plan"])
        #expect(plan2.output.contains("stack \(repo.stack("web")) removed from repo"), "\(plan2.output)")
        // web was this repository's only stack on nas: removing every stack of a host takes the flag.
        let retired = try await repo.cli(["apply", "--allow-mass-removal"])
        #expect(retired.status == 0, "\(retired.output)")
        #expect(try await repo.containers("web", on: "nas").isEmpty)
        #expect(try await nas.inspectContainer(stranger).state.running)
        // The stack's network goes with it; its named volume stays (data), and the pass says so.
        #expect(retired.output.contains("note: network \(repo.stack("web"))_default removed"), "\(retired.output)")
        #expect(retired.output.contains("note: orphaned volume \(repo.stack("web"))_data kept"), "\(retired.output)")
        #expect(try await nas.listNetworks().allSatisfy { $0.name != "\(repo.stack("web"))_default" })
        #expect(try await nas.listVolumes().contains { $0.name == "\(repo.stack("web"))_data" })
    }

    @Test func nameClashWithAnUnmanagedContainerIsReportedUntilAdopted() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let name = "\(repo.stack("solo"))-app-1"
        let nas = try repo.docker("nas")
        let strangerID = try await nas.createContainer(name: name, ContainerCreateRequest(
            config: ContainerConfig(image: "lab/busybox:1", cmd: ["sleep", "3600"])))
        try await nas.startContainer(strangerID)
        try repo.writeStack("solo", """
        x-reconcile: {hosts: [nas], health: {min_ready: 1s}}
        services:
          app: {image: lab/busybox:1, command: sleep 3600}
        """)
        try repo.commit("solo")
        let refused = try await repo.cli(["apply"])
        #expect(refused.status != 0)
        #expect(refused.output.contains("container name \(name) is taken by a container reconcile does not manage"),
                "\(refused.output)")
        #expect(try await nas.inspectContainer(strangerID).state.running)

        let adopted = try await repo.cli(["apply", "--adopt"])
        #expect(adopted.status == 0, "\(adopted.output)")
        #expect(adopted.output.contains("adopting unmanaged container \(name)"), "\(adopted.output)")
        let now = try await repo.containers("solo", on: "nas")
        #expect(now[name] != nil && now[name]?.id != strangerID)
        let history = try await repo.cli(["history", "show", "1"])
        #expect(history.output.contains("adopting unmanaged container"), "\(history.output)")
    }

    @Test func historyRecordsReasonsAndNeverSecrets() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try homelab(repo)
        try repo.commit("homelab")
        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)
        try homelab(repo, logLevel: "debug")
        let commit = try repo.commit("more logs")
        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)

        let list = try await repo.cli(["history", "--stack", repo.stack("web")])
        let lines = list.output.split(separator: "\n")
        #expect(lines.count == 2, "\(list.output)")
        #expect(lines.first?.contains("recreate site") == true, "\(list.output)")
        let newest = try #require(lines.first?.split(separator: " ").first.map(String.init))
        let show = try await repo.cli(["history", "show", newest])
        #expect(show.output.contains("commit:   \(commit)"), "\(show.output)")
        #expect(show.output.contains("recreate site [done]: environment LOG_LEVEL changed"), "\(show.output)")

        for file in try FileManager.default.contentsOfDirectory(atPath: repo.state.path) {
            let bytes = try Data(contentsOf: repo.state.appendingPathComponent(file))
            for secret in ["hunter2-secret-value", "env-file-secret-value"] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) found in \(file)")
            }
        }
    }
}
