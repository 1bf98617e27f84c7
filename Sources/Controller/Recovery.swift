import Docker
import FoundationEssentials
import Logging
import Planner
import Spec
import Store

/// Settles operations a dead process (or this one, in an earlier pass) left unfinished, from what the
/// hosts show now, before a pass or a rollback changes anything.
///
/// Only a dead owner's operations are touched: a living owner is still working on its own (the state lock
/// keeps two writers apart; this is the second fence). The decision is `Settlement`'s, the same routine a
/// rollout's error path uses: a new container under the name that passes the gate is kept (the old one
/// removed); anything less is reverted. An operation is closed only when the host is in a good state.
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
        let me = ProcessIdentity.current.text
        let orphaned = operations.filter { $0.owner == me || !ProcessIdentity.isAlive($0.owner) }
        for op in operations where !orphaned.contains(where: { $0.id == op.id }) {
            logger.notice("left an operation to its running owner", metadata: [
                "operation": .stringConvertible(op.id), "owner": .string(op.owner ?? "?"),
            ])
        }
        for (hostName, ops) in Dictionary(grouping: orphaned, by: \.intent.host) {
            guard let host = repository.host(named: hostName) else {
                logger.warning("cannot recover operations on a host the repo no longer names",
                               metadata: ["host.name": .string(hostName)])
                continue
            }
            let connection: HostConnection
            do {
                connection = try HostConnection.open(host, settings: settings, logger: logger, makeTransport: makeTransport)
            } catch {
                logger.warning("cannot reach a host to recover its operations yet",
                               metadata: ["host.name": .string(hostName), "error": "\(error)"])
                continue
            }
            for op in ops { await recover(op, client: connection.client) }
        }
    }

    func recover(_ op: JournalOperation, client: DockerClient) async {
        let metadata: Logger.Metadata = [
            "host.name": .string(op.intent.host), "stack.name": .string(op.intent.stack),
            "service.name": .string(op.intent.service), "operation": .stringConvertible(op.id),
        ]
        do {
            guard let payload = RecreatePayload.decode(op.intent.payload) else {
                try await store.finishOperation(op: op.id, outcome: .recoveredUnreadablePayload)
                return
            }
            let stack = repository.stack(named: op.intent.stack)
            let health = stack?.health ?? HealthPolicy()
            let job = stack.map { s in s.services.contains { $0.name == op.intent.service && s.isJob($0) } } ?? false
            let reverting = op.steps.last.map { Self.wasReverting(after: $0.step) } ?? false
            let restoreData = try await snapshotRecovery(op, payload, client: client)
            let result = try await Settlement(client: client, health: health, job: job)
                .settle(payload, kind: op.intent.kind, stack: op.intent.stack,
                        mode: reverting ? .revert : .decide(knownHealthy: nil), restoreData: restoreData)
            try await store.finishOperation(op: op.id, outcome: .recovered(result))
            logger.notice("recovered an unfinished operation",
                          metadata: metadata.merging(["outcome": .stringConvertible(result)]) { a, _ in a })
        } catch {
            // Left open: the next pass tries again (the host may be down, a name taken by hand).
            logger.warning("could not recover an operation yet", metadata: metadata.merging(["error": "\(error)"]) { a, _ in a })
        }
    }

    /// Whether an operation that stopped after `step` was already undoing its change: a gate that failed is not
    /// asked again, the old container goes back.
    static func wasReverting(after step: OperationStep) -> Bool {
        switch step {
        case .rollback, .removeNew, .restoreData:
            true
        case .createNew, .stopOld, .snapshot, .snapshotVerified, .restoreTarget, .renameOld, .renameNew, .startNew,
             .health, .removeOld:
            false
        }
    }
}
