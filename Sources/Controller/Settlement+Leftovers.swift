import Planner
import Store

extension Settlement {
    /// Settles a `<name>.prev` or `<name>.next` that no open operation accounts for (its journal entry was
    /// closed by an earlier version, or lost with its state directory), the same way recovery would.
    /// Nil when the container's name ends in neither suffix: it is no leftover, and nothing was done.
    func settleLeftover(_ leftover: LiveContainer, among containers: [LiveContainer]) async throws -> SettlementResult? {
        guard let suffix = Planner.transientSuffixes.first(where: { leftover.name.hasSuffix($0) }) else { return nil }
        let name = String(leftover.name.dropLast(suffix.count))
        let current = containers.first { $0.name == name }
        let stack = leftover.stack ?? ""
        if suffix == ".prev" {
            // The previous container: kept if the one under the name is not good.
            let payload = RecreatePayload(name: name, oldID: leftover.id, newHash: "", oldWasRunning: true)
            return try await settle(payload, kind: .recreate, stack: stack, mode: .decide(knownHealthy: nil))
        }
        // A `.next` never ran: beside a container under the name it goes; alone it was a create.
        let payload = RecreatePayload(name: name, oldID: current?.id, newHash: "", oldWasRunning: current?.isRunning ?? false)
        return try await settle(payload, kind: current == nil ? .create : .recreate, stack: stack, mode: .revert)
    }
}
