import Docker
import FoundationEssentials
import Planner
import Spec
import Store

extension Recovery {
    /// For an operation that snapshots data: stops a helper a killed run left copying, throws away a snapshot that
    /// never completed, and returns the restore the settlement must run if it reverts after the data may have
    /// changed (the new container started, or `--with-data` copied the target's data in).
    func snapshotRecovery(_ op: JournalOperation, _ payload: RecreatePayload,
                          client: DockerClient) async throws -> Settlement.RestoreData? {
        guard let plan = payload.snapshot else { return nil }
        let owner = Owner(instance: settings.instance, repository: nil, declaredStacks: [])
        let data = DataSnapshots(client: client, store: store, host: op.intent.host, owner: owner)
        try await data.discardIncomplete(plan, containerName: plan.helperName, service: op.intent.service)
        guard let record = try await store.snapshot(volume: plan.volume), record.state == .complete,
              plan.mustRestore(steps: op.steps.map(\.step)) else { return nil }
        let store = store, id = op.id, host = op.intent.host, stack = op.intent.stack, service = op.intent.service
        return {
            try await store.recordStep(op: id, step: .restoreData, detail: plan.volume)
            try await data.restore(plan.volume, sources: plan.sources, image: plan.image, containerName: plan.helperName,
                                   service: service)
            try await store.setDataHash(record.configHash, host: host, stack: stack, service: service)
        }
    }
}
