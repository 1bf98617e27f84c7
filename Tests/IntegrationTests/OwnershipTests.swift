import Controller
import Docker
import Foundation
import Planner
import Store
import Testing

/// Issue 16 on the lab engines: a second repository on the same installation touches nothing of the first;
/// an empty `stacks/` refuses to remove; a rollback started mid-rollout waits its turn.
@Suite struct OwnershipTests {
    static func twoStacks(_ repo: TestRepo) throws {
        for stack in ["alpha", "beta"] {
            try repo.writeStack(stack, """
            x-reconcile: {hosts: [nas], health: {min_ready: 0s}}
            services:
              app: {image: lab/busybox:1, command: sleep 3600, stop_grace_period: 1s}
            """)
        }
    }

    @Test func aSecondRepositoryTouchesNothingOfTheFirst() async throws {
        let first = try TestRepo()
        defer { first.cleanUp() }
        try Self.twoStacks(first)
        try first.commit("homelab")
        #expect(try await first.controller().apply(ApplyRequest()).succeeded)
        let before = try await first.containers("alpha", on: "nas").merging(first.containers("beta", on: "nas")) { a, _ in a }
        #expect(before.values.allSatisfy { $0.labels[ManagedLabels.repository]?.hasPrefix("git:") == true })

        // Another checkout, same installation name (everyone's is `default`), its own stack, nothing else.
        let second = try TestRepo(instance: first.instance)
        defer { second.cleanUp() }
        try second.writeStack("gamma", """
        x-reconcile: {hosts: [nas], health: {min_ready: 0s}}
        services:
          app: {image: lab/busybox:1, command: sleep 3600, stop_grace_period: 1s}
        """)
        try second.commit("another homelab")
        let plan = try await second.cli(["plan"])
        #expect(plan.output.contains("\(first.stack("alpha")): owned by repository git:"), "\(plan.output)")
        #expect(!plan.output.contains("removed from repo"), "\(plan.output)")
        let applied = try await second.cli(["apply"])
        #expect(applied.status == 0, "\(applied.output)")

        // And with an empty stacks/ it still removes nothing of the first.
        try second.remove("stacks/\(second.stack("gamma"))")
        try second.commit("empty")
        let empty = try await second.cli(["apply", "--allow-mass-removal"])
        #expect(empty.status == 0, "\(empty.output)")
        let after = try await first.containers("alpha", on: "nas").merging(first.containers("beta", on: "nas")) { a, _ in a }
        #expect(after.mapValues(\.id) == before.mapValues(\.id))
        #expect(after.values.allSatisfy { $0.state == "running" })
        #expect(try await second.containers("gamma", on: "nas").isEmpty, "its own stack went, with the flag")
    }

    @Test func containersFromBeforeRepositoryLabelsAreClaimedOnlyByTheRepositoryThatDeclaresThem() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try Self.twoStacks(repo)
        try repo.commit("homelab")
        let nas = try repo.docker("nas")
        // As an earlier version made it: stack, service, instance, hash; no repository.
        let legacyName = "\(repo.stack("legacy"))-app-1"
        let legacy = try await nas.createContainer(name: legacyName, ContainerCreateRequest(config: ContainerConfig(
            image: "lab/busybox:1", cmd: ["sleep", "3600"],
            labels: [ManagedLabels.stack: repo.stack("legacy"), ManagedLabels.service: "app",
                     ManagedLabels.instance: repo.instance, ManagedLabels.hash: "sha256:old"])))
        try await nas.startContainer(legacy)
        let applied = try await repo.cli(["apply"])
        #expect(applied.status == 0, "\(applied.output)")
        #expect(applied.output.contains("\(repo.stack("legacy")): owned by an earlier reconcile"), "\(applied.output)")
        #expect(try await nas.inspectContainer(legacy).state.running, "an undeclared stack is never removed")

        // Declared again, the repository claims it (and recreates it with its own labels).
        try repo.writeStack("legacy", """
        x-reconcile: {hosts: [nas], health: {min_ready: 0s}}
        services:
          app: {image: lab/busybox:1, command: sleep 3600, stop_grace_period: 1s}
        """)
        try repo.commit("legacy declared")
        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)
        let claimed = try #require(try await repo.containers("legacy", on: "nas")[legacyName])
        #expect(claimed.id != legacy)
        #expect(claimed.labels[ManagedLabels.repository]?.hasPrefix("git:") == true)
    }

    @Test func anEmptyStacksFolderRefusesToRemoveAndExitsNonZero() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try Self.twoStacks(repo)
        try repo.commit("homelab")
        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)
        try repo.remove("stacks")
        try FileManager.default.createDirectory(at: repo.root.appendingPathComponent("stacks"), withIntermediateDirectories: true)
        try repo.commit("oops")
        let refused = try await repo.cli(["apply"])
        #expect(refused.status != 0, "\(refused.output)")
        #expect(refused.output.contains("would remove every stack this repository runs on nas"), "\(refused.output)")
        #expect(refused.output.contains("--allow-mass-removal"), "\(refused.output)")
        #expect(try await repo.containers("alpha", on: "nas").count == 1)
        #expect(try await repo.containers("beta", on: "nas").count == 1)

        let allowed = try await repo.cli(["apply", "--allow-mass-removal"])
        #expect(allowed.status == 0, "\(allowed.output)")
        #expect(try await repo.containers("alpha", on: "nas").isEmpty)
        #expect(try await repo.containers("beta", on: "nas").isEmpty)
    }

    @Test func rollbackStartedMidRolloutWaitsAndEndsConsistent() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let name = "\(repo.stack("web"))-app-1"
        try HealthSupport.writeApp(repo, "web", image: "lab/app:1", health: "{min_ready: 1s, timeout: 20s}")
        try repo.commit("v1")
        #expect(try await repo.cli(["apply"]).status == 0)
        let nas = try repo.docker("nas")
        let v1 = try await nas.inspectContainer(name).image
        // A release that takes a while at its gate (no healthcheck: it must run for min_ready): the pass is
        // mid-rollout for twenty seconds, long enough for the rollback's process to start on a loaded machine.
        try HealthSupport.writeApp(repo, "web", image: "lab/app:2", health: "{min_ready: 20s, timeout: 40s}",
                                   healthcheck: "{disable: true}")
        try repo.commit("v2")
        async let pass = repo.cli(["apply"])
        var midRollout = false
        for _ in 0..<100 where !midRollout {
            midRollout = try await repo.containers("web", on: "nas").keys.contains("\(name).prev")
            if !midRollout { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(midRollout, "the pass never got to the rollout")
        let rollback = try await repo.cli(["rollback", repo.stack("web")])
        let applied = try await pass
        #expect(applied.status == 0, "\(applied.output)")
        #expect(rollback.status == 0, "\(rollback.output)")
        #expect(rollback.output.contains("waiting for the state directory: pid "), "\(rollback.output)")
        let containers = try await repo.containers("web", on: "nas")
        #expect(HealthSupport.leftovers(containers.keys).isEmpty, "\(containers.keys)")
        #expect(try await nas.inspectContainer(name).image == v1, "the rollback ran after the pass, to v1")
        #expect(try await HealthSupport.waitHealthy(nas, name))
        #expect(try await Store(stateDirectory: repo.state).unfinishedOperations().isEmpty)
        // One writer at a time: the rollback's revision began after the pass's had finished.
        let revisions = try await HealthSupport.revisions(repo, "web")
        let (rolledBack, release) = (try #require(revisions.first), try #require(revisions.dropFirst().first))
        #expect(rolledBack.trigger == .rollback && release.trigger == .manual, "\(revisions.map(\.trigger))")
        #expect(rolledBack.startedAt >= release.finishedAt)
    }
}

