import Logging
import Planner
import Spec
import Store

extension StackApplier {
    /// What one action means for the rest of its stack.
    enum Continuation {
        /// The next actions run.
        case goesOn
        /// Services that depend on this one are skipped; the others run.
        case skipsDependents
        /// It failed or rolled back: nothing after it runs in this pass.
        case stopsStack
    }

    /// The stack's actions one by one in dependency order; a failure or rollback stops the rest.
    func applyInOrder(_ plan: StackPlan, rollout: ServiceRollout, into report: inout StackReport,
                      healthLog: inout [String]) async {
        var skipped = Set<String>()
        var stopped = false
        for action in plan.actions where action.kind != .pull {
            let dependsOnSkipped = action.desired.map { !Set($0.service.dependsOn.keys).isDisjoint(with: skipped) } ?? false
            if stopped || dependsOnSkipped {
                skipped.insert(action.subject)
                var entry = ActionReport(action, outcome: action.mutates ? .skipped : nil)
                if dependsOnSkipped && !stopped { entry.reasons.append("not applied: a service it depends on was not") }
                report.actions.append(entry)
                continue
            }
            switch await applyOne(action, plan, rollout: rollout, into: &report, healthLog: &healthLog) {
            case .goesOn: break
            case .skipsDependents: skipped.insert(action.subject)
            case .stopsStack: stopped = true
            }
        }
    }

    /// Runs one action and reports it; a failed or rolled-back one sets the stack's outcome and error.
    func applyOne(_ action: PlannedAction, _ plan: StackPlan, rollout: ServiceRollout, into report: inout StackReport,
                  healthLog: inout [String]) async -> Continuation {
        switch action.kind {
        case .keep, .pull:
            report.actions.append(ActionReport(action, outcome: nil))
            return .goesOn
        case .blocked:
            report.actions.append(ActionReport(action, outcome: .blocked))
            if report.outcome != .failed { report.outcome = .blocked }
            return .skipsDependents
        case .create, .recreate, .adopt, .start, .remove, .cleanup:
            break
        }
        do {
            switch try await perform(action, plan, rollout: rollout) {
            case .done:
                report.actions.append(ActionReport(action, outcome: .done))
            case .rolledBack(let rawReason, let rawLog):
                await rolledBack(action, plan, reason: redact(rawReason, plan), into: &report)
                healthLog += rawLog.map { redact($0, plan) }
                return .stopsStack
            }
        } catch {
            let message = redact("\(error)", plan)
            var entry = ActionReport(action, outcome: .failed)
            entry.error = message
            report.actions.append(entry)
            report.outcome = .failed
            report.error = "\(action.subject): \(message)"
            return .stopsStack
        }
        return .goesOn
    }

    /// Reports a rollback and holds the failed configuration back, so the next pass does not try it again.
    func rolledBack(_ action: PlannedAction, _ plan: StackPlan, reason: String, into report: inout StackReport) async {
        var entry = ActionReport(action, outcome: .rolledBack)
        entry.error = reason
        report.actions.append(entry)
        report.outcome = .rolledBack
        report.error = "\(action.subject): \(reason)"
        guard let hash = action.desired?.hash else { return }
        do {
            try await store.holdBack(host: host, stack: plan.stack, service: action.subject, hash: hash, reason: reason)
        } catch {
            // Not held back: the next pass tries this configuration again (and rolls back again).
            logger.error("could not hold back a failed configuration", metadata: [
                "stack.name": .string(plan.stack), "service.name": .string(action.subject), "error": "\(error)",
            ])
            report.error = "\(action.subject): \(reason); it could not be held back: \(error)"
        }
    }
}
