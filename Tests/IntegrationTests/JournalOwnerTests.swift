@testable import Controller
import Docker
import Foundation
import Planner
import Store
import Testing

/// Recovery acts only on a dead owner's operations: a living process's open operation is left alone.
@Suite struct JournalOwnerTests {
    @Test func aLivingOwnersOperationIsLeftAloneAndADeadOnesIsRecovered() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try repo.writeStack("own", """
        x-reconcile: {hosts: [nas], health: {min_ready: 0s}}
        services:
          app: {image: lab/busybox:1, command: sleep 3600, stop_grace_period: 1s}
        """)
        try repo.commit("own")
        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)
        let name = "\(repo.stack("own"))-app-1"
        let before = try #require(try await repo.containers("own", on: "nas")[name])

        // Another process journaled "remove this container" and is still at it.
        let owner = Process()
        owner.executableURL = URL(fileURLWithPath: "/bin/sleep")
        owner.arguments = ["60"]
        try owner.run()
        defer { if owner.isRunning { kill(owner.processIdentifier, SIGKILL) } }
        let identity = try #require(ProcessIdentity.startTime(of: owner.processIdentifier))
        let ownerText = "\(ProcessIdentity.bootID())/\(owner.processIdentifier)/\(identity)"
        #expect(ProcessIdentity.isAlive(ownerText))
        let store = try Store(stateDirectory: repo.state)
        let payload = try RecreatePayload(name: name, oldID: before.id, newHash: "", oldWasRunning: true).json()
        let op = try await store.beginOperation(OperationIntent(host: "nas", stack: repo.stack("own"), service: "app",
                                                                kind: .remove, payload: payload), owner: ownerText)
        try await store.recordStep(op: op, step: .stopOld, detail: before.id)

        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)
        #expect(try await repo.containers("own", on: "nas")[name]?.id == before.id, "a living owner's work was undone")
        #expect(try await store.operation(id: op)?.isFinished == false)

        // SIGKILL: the test runner's children may inherit an ignored SIGTERM. Dead, as after kill -9.
        kill(owner.processIdentifier, SIGKILL)
        owner.waitUntilExit()
        #expect(!ProcessIdentity.isAlive(ownerText))
        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)
        let recovered = try #require(try await store.operation(id: op))
        #expect(recovered.outcome == .recovered(.removalCompleted), "\(recovered.outcome.map(String.init(describing:)) ?? "open")")
        // The removal was finished, and the pass then created the service again (the repo still wants it).
        let after = try #require(try await repo.containers("own", on: "nas")[name])
        #expect(after.id != before.id && after.state == "running")
    }
}
