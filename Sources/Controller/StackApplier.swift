import Docker
import FoundationEssentials
import Logging
import Planner
import Spec
import Store

/// Applies one stack's plan on one host, in dependency order, and records the revision.
///
/// A service that fails (or rolls back) stops the stack there: services after it in dependency
/// order are not touched in this pass. A blocked service is skipped with everything that
/// depends on it; the rest of the stack goes on.
struct StackApplier {
    let client: DockerClient
    let store: Store
    let host: String
    let context: PassContext
    let logger: Logger

    struct Outcome {
        var report: StackReport
        var healthLog: [String] = []
    }

    func apply(_ plan: StackPlan) async -> StackReport {
        let started = Date()
        var outcome = await run(plan)
        guard plan.hasChanges else { return outcome.report }
        do {
            let revision = try await record(plan, outcome, started: started)
            outcome.report.revision = revision
            if let note = await retireSnapshots(plan, revision: revision) { outcome.report.notes = (outcome.report.notes ?? []) + [note] }
        } catch {
            logger.error("could not record the revision", metadata: ["stack.name": .string(plan.stack), "error": "\(error)"])
            outcome.report.outcome = .failed
            outcome.report.error = "applied, but the revision could not be recorded: \(error)"
        }
        // After the revision is stored, so a watcher that reads the history then finds it.
        context.stepObserver?(PassStep(host: host, stack: plan.stack, step: "stack-done",
                                       detail: outcome.report.outcome.rawValue))
        return outcome.report
    }

    /// Runs a plan without recording it: the stack's networks and volumes first, then its actions in order (or a
    /// departed stack's removals, side by side), then what a departed stack left behind.
    func run(_ plan: StackPlan) async -> Outcome {
        var report = StackReport(stack: plan.stack, outcome: plan.hasChanges ? .applied : .inSync, revision: nil,
                                 actions: [], error: nil)
        var healthLog: [String] = []
        var rollout = ServiceRollout(client: client, store: store, host: host, commit: context.commit,
                                     environment: context.environment, owner: context.owner)
        rollout.gateProgress = context.gateProgress
        rollout.stepObserver = context.stepObserver
        if let stack = plan.spec {
            let creating = plan.actions.filter { $0.kind == .create || $0.kind == .recreate }.compactMap(\.desired)
            do {
                if !creating.isEmpty { try await StackResources(client: client, owner: context.owner).ensure(stack, for: creating.map(\.service)) }
            } catch {
                report.outcome = .failed
                report.error = "\(error)"
                report.actions = plan.actions.map { ActionReport($0, outcome: $0.mutates ? .skipped : nil) }
                return Outcome(report: report)
            }
        }
        if plan.spec == nil, plan.actions.allSatisfy({ $0.kind == .remove }) {
            report.actions = await removeDeparted(plan, rollout: rollout)
            if let failed = report.actions.first(where: { $0.outcome == .failed }) {
                report.outcome = .failed
                report.error = "\(failed.service): \(failed.error ?? "failed")"
            }
        } else {
            await applyInOrder(plan, rollout: rollout, into: &report, healthLog: &healthLog)
        }
        if plan.spec == nil, report.outcome == .applied {
            let notes = await StackLeftovers(client: client, owner: context.owner).clear(stack: plan.stack)
            report.notes = notes.isEmpty ? nil : notes
        }
        return Outcome(report: report, healthLog: healthLog)
    }

    /// One action that changes the host, through the rollout (or the settlement, for a stale leftover).
    func perform(_ action: PlannedAction, _ plan: StackPlan, rollout: ServiceRollout) async throws -> ServiceRollout.Result {
        switch action.kind {
        case .create:
            return try await rollout.create(try desired(action))
        case .recreate:
            guard let existing = action.existing else { throw ApplyError.missingContainer(.recreate) }
            return try await rollout.recreate(try desired(action), replacing: existing)
        case .adopt:
            guard let existing = action.existing, let hash = action.desired?.hash else {
                throw ApplyError.missingContainer(.adopt)
            }
            // Docker cannot relabel a container: its ownership and hash are recorded instead (see `AdoptedContainer`).
            try await store.recordAdoption(AdoptedContainer(
                host: host, containerID: existing.id, name: existing.name, stack: plan.stack, service: action.subject,
                hash: hash, instance: context.owner.instance, repository: context.owner.repository))
            return .done
        case .start:
            guard let existing = action.existing else { throw ApplyError.missingContainer(.start) }
            return try await rollout.start(try desired(action), existing)
        case .remove:
            guard let existing = action.existing else { throw ApplyError.missingContainer(.remove) }
            try await rollout.remove(existing, stack: plan.stack)
            return .done
        case .cleanup:
            guard let existing = action.existing else { throw ApplyError.missingContainer(.cleanup) }
            let live = try await client.listContainers(all: true).map(HostObserver.live)
            _ = try await Settlement(client: client, health: plan.spec?.health ?? HealthPolicy())
                .settleLeftover(existing, among: live)
            return .done
        case .keep, .pull, .blocked:
            return .done
        }
    }

    func desired(_ action: PlannedAction) throws -> DesiredContainer {
        guard let desired = action.desired, desired.hash != nil else {
            throw ApplyError.imageMissing(image: action.desired?.service.image ?? "?", host: host)
        }
        return desired
    }

    func record(_ plan: StackPlan, _ outcome: Outcome, started: Date) async throws -> Int64 {
        let desired = plan.actions.compactMap(\.desired)
        for d in desired {
            if let hash = d.hash { try await store.saveServiceConfig(hash: hash, json: context.redactor.redactedJSON(d)) }
        }
        let revisionOutcome: RevisionOutcome = switch outcome.report.outcome {
        case .rolledBack: .rolledBack
        case .failed, .blocked: .failed
        default: .applied
        }
        return try await store.insertRevision(NewRevision(
            host: host, stack: plan.stack, commit: context.commit, trigger: context.trigger,
            startedAt: started, finishedAt: Date(), outcome: revisionOutcome,
            spec: RecordedSpec.json(plan, redactor: context.redactor), digests: Dictionary(desired.compactMap { d in d.imageID.map { (d.service.name, $0) } },
                                                               uniquingKeysWith: { a, _ in a }),
            actions: outcome.report.actions.map(ActionRecord.init),
            error: outcome.report.error, healthLog: outcome.healthLog, triggers: context.triggers))
    }
}

extension StackApplier {
    /// What an engine or a probe said, with the stack's secrets replaced by fingerprints before anyone sees it.
    func redact(_ text: String, _ plan: StackPlan) -> String {
        context.redactor.redact(text: text, secrets: plan.spec?.secrets ?? [])
    }
}

extension ActionReport {
    init(_ action: PlannedAction, outcome: Outcome?) {
        self.init(kind: action.kind.rawValue, service: action.subject, container: action.containerName,
                  reasons: action.reasons, outcome: outcome, error: nil)
    }
}
