import Docker
import FoundationEssentials
import Planner
import Spec
import Store

/// The one routine that finishes or undoes a rollout from what the host shows now: used by a rollout's own
/// error path, by crash recovery at the start of a pass, and for stale `<name>.prev`/`<name>.next`.
///
/// It goes by container IDs and names, never by the last step alone, so it is safe to run again after any
/// failure of its own. It returns only when the host is in a good state — the old container running under
/// its name, or the new one under the name and healthy — and throws otherwise, so the operation stays open
/// and the next pass runs it again.
struct Settlement {
    enum Mode: Sendable, Equatable {
        /// Put the old container back (a failed gate, or an engine error before the new one was judged).
        case revert
        /// Keep the new container if it is under the name and passes the gate; else revert.
        /// `knownHealthy`: the ID the gate already passed, so it is not judged twice.
        case decide(knownHealthy: String?)
    }

    /// Puts a service's data back from its snapshot; runs after the new container is gone, before the old one starts.
    typealias RestoreData = @Sendable () async throws -> Void

    let client: DockerClient
    let health: HealthPolicy
    /// A one-shot job is good when it exited 0, not when it stays up.
    var job = false

    /// Brings the host to a good state for one operation and says which, for the journal.
    func settle(_ payload: RecreatePayload, kind: OperationKind, stack: String, mode: Mode,
                restoreData: RestoreData? = nil) async throws -> SettlementResult {
        let containers = try await client.listContainers(all: true)
        func named(_ name: String) -> ContainerSummary? { containers.first { $0.name == name } }
        let old = payload.oldID.flatMap { id in containers.first { $0.id == id } }
        let current = named(payload.name), next = named(payload.tempName)
        let isNew = { (c: ContainerSummary) in c.id != payload.oldID && c.labels[ManagedLabels.stack] == stack }

        if kind == .remove {
            if let old { try await client.removeContainer(old.id, force: true) }
            return old == nil ? .alreadyRemoved : .removalCompleted
        }
        if let current, current.id != payload.oldID, !isNew(current) {
            throw ApplyError.nameTakenByStack(name: payload.name, host: client.host,
                                              stack: current.labels[ManagedLabels.stack], containerID: current.id)
        }
        if case .decide(let knownHealthy) = mode, let current, isNew(current),
           try await passes(current, knownHealthy: knownHealthy) {
            if let next, next.id != current.id { try await client.removeContainer(next.id, force: true) }
            if let old { try await client.removeContainer(old.id, force: true) }
            return old == nil ? .keptNew : .keptNewRemovedPrevious
        }
        // Reverting. The new container goes only when the old one can take its place; a create had none.
        guard let old else {
            if kind == .create {
                for c in [current, next].compactMap({ $0 }) where isNew(c) { try await client.removeContainer(c.id, force: true) }
                return .removedNew
            }
            if let next, current == nil { try await client.renameContainer(next.id, to: payload.name) }
            return try await verified(payload.name, mustRun: true, .keptNewWithoutPrevious)
        }
        for c in [next, current].compactMap({ $0 }) where c.id != old.id && isNew(c) {
            try await client.removeContainer(c.id, force: true)
        }
        try await restoreData?()
        if old.name != payload.name { try await client.renameContainer(old.id, to: payload.name) }
        if payload.oldWasRunning ?? true, old.state != "running" { try await client.startContainer(old.id) }
        return try await verified(payload.name, mustRun: payload.oldWasRunning ?? true,
                                  restoreData == nil ? .reverted : .revertedWithData)
    }

    /// Whether the new container under the name is good: already judged healthy, or passes the gate now.
    func passes(_ container: ContainerSummary, knownHealthy: String?) async throws -> Bool {
        if knownHealthy == container.id { return true }
        if job, container.state == "exited" { return container.exitCode == 0 }
        guard container.state == "running" else { return false }
        let gate = HealthGate(client: client, minReady: health.minReady, timeout: health.timeout, job: job)
        return try await gate.wait(for: container.id, startedAt: Date()) == .healthy
    }

    /// Checks the end state, so an operation is closed only when the host really shows it.
    func verified(_ name: String, mustRun: Bool, _ outcome: SettlementResult) async throws -> SettlementResult {
        let state = try await client.inspectContainer(name).state
        guard !mustRun || state.running else {
            throw ApplyError.notRunningAfterRecovery(name: name, host: client.host, status: state.status)
        }
        return outcome
    }
}
