import Planner

extension StackApplier {
    /// A stack that left the host: all its containers stop at once, each within the stop timeout it declares,
    /// instead of one after another (a departed stack of ten services took minutes that way).
    func removeDeparted(_ plan: StackPlan, rollout: ServiceRollout) async -> [ActionReport] {
        await withTaskGroup(of: (Int, ActionReport).self) { group in
            for (index, action) in plan.actions.enumerated() {
                group.addTask {
                    guard action.kind == .remove, let existing = action.existing else {
                        return (index, ActionReport(action, outcome: action.mutates ? .skipped : nil))
                    }
                    do {
                        try await rollout.remove(existing, stack: plan.stack)
                        return (index, ActionReport(action, outcome: .done))
                    } catch {
                        var failed = ActionReport(action, outcome: .failed)
                        failed.error = "\(error)"
                        return (index, failed)
                    }
                }
            }
            var reports: [(Int, ActionReport)] = []
            for await item in group { reports.append(item) }
            return reports.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}
