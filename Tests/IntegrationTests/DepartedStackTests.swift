import Controller
import Foundation
import Store
import Testing

/// A stack that leaves the host is removed all at once: every container's stop begins before any is removed.
@Suite struct DepartedStackTests {
    @Test func departedStackContainersStopTogether() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        // sleep as PID 1 ignores SIGTERM: each stop takes its whole 2 s grace period.
        let service = "{image: lab/busybox:1, command: sleep 3600, stop_grace_period: 2s}"
        try repo.writeStack("stays", "x-reconcile: {hosts: [nas], health: {min_ready: 0s}}\nservices:\n  app: \(service)\n")
        try repo.writeStack("goes", """
        x-reconcile: {hosts: [nas], health: {min_ready: 0s}}
        services:
          a: \(service)
          b: \(service)
          c: \(service)
        """)
        try repo.commit("two stacks")
        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)
        try repo.remove("stacks/\(repo.stack("goes"))")
        try repo.commit("goes retired")
        let report = try await repo.controller().apply(ApplyRequest())
        #expect(report.succeeded, "\(report.renderText())")
        #expect(try await repo.containers("goes", on: "nas").isEmpty)
        #expect(try await repo.containers("stays", on: "nas").count == 1)

        let store = try Store(stateDirectory: repo.state)
        var removals: [JournalOperation] = []
        for id in Int64(1)...40 {
            if let op = try await store.operation(id: id), op.intent.kind == .remove { removals.append(op) }
        }
        #expect(removals.count == 3)
        let stops = removals.compactMap { $0.steps.first { $0.step == .stopOld }?.recordedAt }
        let removes = removals.compactMap { $0.steps.first { $0.step == .removeOld }?.recordedAt }
        #expect(stops.count == 3 && removes.count == 3)
        // Ordering, not speed: had they gone one by one, a removal would precede the next stop.
        #expect(try #require(stops.max()) < (try #require(removes.min())), "stops \(stops), removes \(removes)")
    }
}
