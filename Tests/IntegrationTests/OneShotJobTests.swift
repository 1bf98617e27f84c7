import Controller
import Docker
import Foundation
import Testing

/// Issue 15: a service others wait on with `service_completed_successfully` is a job: exit 0 passes.
@Suite("One-shot jobs on the lab", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct OneShotJobTests {
    /// `migrate` leaves a mark in a shared volume; `app` exits at once (failing its gate) if the mark is missing,
    /// so `app` running proves it started after the job finished.
    func writeStack(_ repo: TestRepo, version: String, exitCode: Int = 0) throws {
        try repo.writeStack("jobs", """
        x-reconcile: {hosts: [nas], health: {min_ready: 1s}}
        services:
          migrate:
            image: lab/busybox:1
            restart: "no"
            environment: {SCHEMA: "\(version)"}
            command: ["sh", "-c", "sleep 1; echo migrating to $$SCHEMA; echo schema locked by job \(exitCode) >&2; touch /state/migrated; exit \(exitCode)"]
            volumes: ["state:/state"]
          app:
            image: lab/busybox:1
            command: ["sh", "-c", "test -f /state/migrated || exit 7; sleep 3600"]
            volumes: ["state:/state"]
            depends_on:
              migrate: {condition: service_completed_successfully}
        volumes:
          state: {}
        """)
    }

    @Test func aJobThatExitsZeroPassesRunsOnceAndAgainOnlyWhenItChanges() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try writeStack(repo, version: "1")
        try repo.commit("job v1")
        let nas = try repo.docker("nas")
        let migrate = "\(repo.stack("jobs"))-migrate-1", app = "\(repo.stack("jobs"))-app-1"

        let first = try await repo.controller().apply(ApplyRequest())
        #expect(first.succeeded, "\(first.renderText())")
        let job = try await nas.inspectContainer(migrate)
        #expect(!job.state.running && job.state.exitCode == 0)
        #expect(try await nas.logs(job.id).contains("migrating to 1"))
        let running = try await nas.inspectContainer(app)
        #expect(running.state.running, "app started after the job left its mark")

        let second = try await repo.controller().apply(ApplyRequest())
        #expect(second.succeeded && !second.hasChanges, "\(second.renderText())")
        let again = try await nas.inspectContainer(migrate)
        #expect(again.id == job.id && again.state.startedAt == job.state.startedAt, "a finished job is not restarted")
        let plan = try await repo.cli(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.output)")

        try writeStack(repo, version: "2")
        try repo.commit("job v2")
        let third = try await repo.controller().apply(ApplyRequest())
        #expect(third.succeeded, "\(third.renderText())")
        let rerun = try await nas.inspectContainer(migrate)
        #expect(rerun.id != job.id && rerun.state.exitCode == 0)
        #expect(try await nas.logs(rerun.id).contains("migrating to 2"))
        #expect(try await nas.inspectContainer(app).id == running.id, "the app's own config did not change")
        #expect(HealthSupport.leftovers(try await repo.containers("jobs", on: "nas").keys).isEmpty)
    }

    @Test func aJobThatFailsFailsTheGateWithItsLastLogLinesAndHoldsItsDependentsBack() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try writeStack(repo, version: "1", exitCode: 3)
        try repo.commit("failing job")

        let report = try await repo.controller().apply(ApplyRequest())
        #expect(!report.succeeded)
        let stack = try #require(report.hosts.flatMap(\.stacks).first { $0.stack == repo.stack("jobs") })
        #expect(stack.outcome == .rolledBack, "\(report.renderText())")
        #expect(stack.error?.contains("job exited with code 3") == true, "\(stack.error ?? "")")
        #expect(stack.actions.first { $0.service == "app" }?.outcome == .skipped)
        #expect(try await repo.containers("jobs", on: "nas").isEmpty, "neither the failed job nor its dependent is left")
        let revision = try #require(try await HealthSupport.revisions(repo, "jobs").first)
        #expect(revision.healthLog.contains { $0.contains("schema locked by job 3") }, "\(revision.healthLog)")
        #expect(revision.healthLog.contains { $0.contains("migrating to 1") }, "\(revision.healthLog)")
    }
}
