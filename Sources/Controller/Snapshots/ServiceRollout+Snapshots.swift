import Docker
import FoundationEssentials
import Planner
import Spec
import Store

/// Data snapshots inside a recreate (issue 18): taken after the old container stopped and before anything new
/// starts, restored between removing the new container and starting the old one.
extension ServiceRollout {
    var dataSnapshots: DataSnapshots { DataSnapshots(client: client, store: store, host: host, owner: owner) }

    /// The snapshot this recreate takes, or nil when the service's data is not snapshotted (or it has none).
    /// Over the size cap it throws before anything is journaled or touched.
    func snapshotPlan(_ desired: DesiredContainer, old: LiveContainer, restoring target: SnapshotRecord?) async throws -> SnapshotPlan? {
        guard let policy = desired.stack.snapshotPolicy(for: desired.service.name) else { return nil }
        let sources = SnapshotPlan.sources(of: desired, mountedBy: try await client.inspectContainer(old.id))
        guard !sources.isEmpty else { return nil }
        let plan = SnapshotPlan(volume: SnapshotPlan.volumeName(desired), image: desired.imageID ?? desired.service.image,
                                sources: sources, helperName: desired.name, restore: policy.restore,
                                restoreFrom: target?.volume, restoreFromSources: target?.sources)
        try await dataSnapshots.checkSize(plan, desired: desired, policy: policy)
        return plan
    }

    /// Snapshot (then, for `rollback --with-data`, the target's data): the old container is stopped, nothing new runs.
    func snapshotStep(_ plan: SnapshotPlan, _ desired: DesiredContainer, old: LiveContainer, journal: Journal) async throws {
        try await journal.step(.snapshot, plan.volume)
        // The config that last ran on the data: the old container's, unless a manual rollback left a newer one's.
        let writer = try await store.dataHash(host: host, stack: desired.stack.name, service: desired.service.name)
        let record = try await dataSnapshots.take(plan, desired: desired, writtenBy: writer ?? old.hash ?? "")
        try await journal.step(.snapshotVerified, "\(record.id): \(record.size) bytes, \(record.files) entries")
        guard let from = plan.restoreFrom else { return }
        try await journal.step(.restoreTarget, from)
        try await dataSnapshots.restore(from, sources: plan.restoreFromSources ?? plan.sources, image: plan.image,
                                        containerName: desired.name, service: desired.service.name)
        if let target = try await store.snapshot(volume: from) {
            try await store.setDataHash(target.configHash, host: host, stack: desired.stack.name, service: desired.service.name)
        }
    }

    /// The settlement's restore between removing the new container and starting the old one, when the steps
    /// reached mean the data may have changed and the policy (or `--with-data`) says to put it back.
    func restoreHook(_ payload: RecreatePayload, _ desired: DesiredContainer, oldHash: String?, journal: Journal,
                     reached: Set<OperationStep>) -> Settlement.RestoreData? {
        guard let plan = payload.snapshot, plan.mustRestore(steps: reached) else { return nil }
        let data = dataSnapshots, store = store, host = host, stack = desired.stack.name, service = desired.service.name
        return {
            try await journal.step(.restoreData, plan.volume)
            try await data.restore(plan.volume, sources: plan.sources, image: plan.image, containerName: plan.helperName,
                                   service: service)
            if let oldHash { try await store.setDataHash(oldHash, host: host, stack: stack, service: service) }
        }
    }

    /// With `restore: manual` the revision says the data may be the new version's, and how to put it back.
    func manualNote(_ payload: RecreatePayload, _ desired: DesiredContainer) async throws -> String {
        guard let plan = payload.snapshot, plan.restore == .manual, plan.restoreFrom == nil,
              let record = try await store.snapshot(volume: plan.volume) else { return "" }
        let applied = try await store.revisions(host: host, stack: desired.stack.name, limit: 1000)
            .first { $0.outcome == .applied }.map { String($0.id) } ?? "REV"
        return "; the data stays as the new version left it (restore: manual); snapshot \(record.id) holds it from "
            + "before the update: `reconcile rollback \(desired.stack.name) --host \(host) --to \(applied) --with-data` restores it"
    }

    /// Removes a snapshot that did not complete after a failed rollout, keeping the rollout's error first.
    func discardIncomplete(_ payload: RecreatePayload, _ desired: DesiredContainer, after cause: any Error) async throws {
        guard let plan = payload.snapshot else { return }
        do {
            try await dataSnapshots.discardIncomplete(plan, containerName: desired.name, service: desired.service.name)
        } catch {
            throw ApplyError.snapshotNotDiscarded(cause: "\(cause)", volume: plan.volume, host: host, error: "\(error)")
        }
    }

    /// Records which config's container now runs on the service's data (for `rollback --with-data`).
    func noteDataWriter(_ desired: DesiredContainer) async throws {
        guard desired.stack.snapshotPolicy(for: desired.service.name) != nil, let hash = desired.hash else { return }
        try await store.setDataHash(hash, host: host, stack: desired.stack.name, service: desired.service.name)
    }
}
