import FoundationEssentials
import Logging
import Planner
import Spec
import Store

extension StackApplier {
    /// Ties the snapshots this update took to its revision, then keeps the newest `keep` per service.
    /// A failure here changes nothing on the containers: it is logged and said in the report.
    func retireSnapshots(_ plan: StackPlan, revision: Int64) async -> String? {
        guard let stack = plan.spec, let policy = stack.snapshots else { return nil }
        do {
            try await DataSnapshots(client: client, store: store, host: host, owner: context.owner)
                .retire(stack, policy: policy, revision: revision)
            return nil
        } catch {
            logger.error("could not retire old snapshots", metadata: ["stack.name": .string(stack.name), "error": "\(error)"])
            return "old snapshots could not be retired: \(error); they stay until the next update"
        }
    }
}
