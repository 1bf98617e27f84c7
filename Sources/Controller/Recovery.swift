import Docker
import FoundationEssentials
import Logging
import Planner
import Spec
import Store

/// Finishes or reverts operations a killed process left unfinished, from what the hosts show now.
///
/// It decides by state, not by trusting the last journaled step alone, so running it twice is
/// harmless: a `<name>.prev` with a healthy new `<name>` is completed (the old one removed);
/// anything less is reverted (the new one removed, the old one renamed back and started).
struct Recovery {
    let store: Store
    let repository: Repository
    let settings: ControllerSettings
    let logger: Logger
    let makeTransport: TransportFactory

    func run() async {
        let operations: [JournalOperation]
        do { operations = try await store.unfinishedOperations() } catch {
            logger.error("cannot read the operation journal", metadata: ["error": "\(error)"])
            return
        }
        for (hostName, ops) in Dictionary(grouping: operations, by: \.intent.host) {
            guard let host = repository.host(named: hostName),
                  let connection = try? HostConnection.open(host, settings: settings, logger: logger,
                                                            makeTransport: makeTransport) else {
                logger.warning("cannot recover operations on a host the repo no longer names",
                               metadata: ["host.name": .string(hostName)])
                continue
            }
            for op in ops {
                do {
                    let outcome = try await recover(op, client: connection.client)
                    try await store.finishOperation(op: op.id, outcome: outcome)
                    logger.notice("recovered an unfinished operation", metadata: [
                        "host.name": .string(hostName), "stack.name": .string(op.intent.stack),
                        "service.name": .string(op.intent.service), "outcome": .string(outcome),
                    ])
                } catch {
                    // Left unfinished: the next start tries again (the host may be down now).
                    logger.warning("could not recover an operation yet", metadata: [
                        "host.name": .string(hostName), "operation": .stringConvertible(op.id), "error": "\(error)",
                    ])
                }
            }
        }
    }

    func recover(_ op: JournalOperation, client: DockerClient) async throws -> String {
        guard let payload = RecreatePayload.decode(op.intent.payload) else { return "recovered: unreadable payload, nothing done" }
        let containers = try await client.listContainers(all: true)
        func named(_ name: String) -> ContainerSummary? { containers.first { $0.name == name } }
        let current = named(payload.name), prev = named(payload.prevName), next = named(payload.tempName)
        // A create that failed its gate journals `remove-new`; a recreate journals `rollback`.
        let rollingBack = ["rollback", "remove-new"].contains(op.steps.last?.step ?? "")

        if op.intent.kind == "remove" {
            if let c = current, c.id == payload.oldID, c.labels[ManagedLabels.stack] != nil {
                try await client.removeContainer(c.id, force: true)
            }
            return "recovered: removal completed"
        }
        if let next { try await client.removeContainer(next.id, force: true) }
        if let prev {
            if let current, current.id != prev.id {
                if !rollingBack, try await passesGate(current, op: op, client: client) {
                    try await client.removeContainer(prev.id, force: true)
                    return "recovered: completed (new container healthy, previous removed)"
                }
                try await client.removeContainer(current.id, force: true)
            }
            try await client.renameContainer(prev.id, to: payload.name)
            try await client.startContainer(prev.id)
            return "recovered: reverted to the previous container"
        }
        guard let current else { return "recovered: nothing was left to undo" }
        if current.id == payload.oldID {
            if current.state != "running" { try await client.startContainer(current.id) }
            return "recovered: previous container kept"
        }
        if op.intent.kind == "create", current.labels[ManagedLabels.stack] == op.intent.stack {
            // Nothing ran before a create: a new container that does not pass is not left behind.
            let passes = rollingBack ? false : try await passesGate(current, op: op, client: client)
            if !passes {
                try await client.removeContainer(current.id, force: true)
                return "recovered: half-made container removed"
            }
        }
        return "recovered: completed"
    }

    /// Runs the same health gate the interrupted rollout would have run.
    func passesGate(_ container: ContainerSummary, op: JournalOperation, client: DockerClient) async throws -> Bool {
        let stack = repository.stack(named: op.intent.stack)
        let policy = stack?.health ?? HealthPolicy()
        let job = stack.map { s in s.services.contains { $0.name == op.intent.service && s.isJob($0) } } ?? false
        if job, container.exitCode == 0 { return true }
        if container.state != "running" { return false }
        let gate = HealthGate(client: client, minReady: policy.minReady, timeout: policy.timeout, job: job)
        return try await gate.wait(for: container.id, startedAt: Date()) == .healthy
    }
}
