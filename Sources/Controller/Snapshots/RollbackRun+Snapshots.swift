import FoundationEssentials
import Planner
import Spec
import Store

extension RollbackRun {
    /// The snapshot each service's data is restored from (`--with-data`), checked before anything changes. Without
    /// the flag, a service whose data a newer config wrote is refused when a snapshot of the target's data exists:
    /// the old image may not read what the new one migrated.
    func targetSnapshots(_ target: RollbackTarget, byName: [String: LiveContainer]) async throws -> [String: SnapshotRecord] {
        var chosen: [String: SnapshotRecord] = [:]
        for desired in target.containers where stack.snapshotPolicy(for: desired.service.name) != nil {
            let service = desired.service.name
            let snapshot = try await store.snapshots(host: host.name, stack: stack.name, service: service)
                .first { $0.state == .complete && $0.configHash == desired.hash }
            if withData {
                guard byName[desired.name] != nil else {
                    throw RollbackError.noContainer(revision: target.revision.id, service: service, host: host.name,
                                                    stack: stack.name)
                }
                guard let snapshot else {
                    throw RollbackError.noSnapshot(revision: target.revision.id, service: service, host: host.name)
                }
                chosen[service] = snapshot
                continue
            }
            let writer = try await store.dataHash(host: host.name, stack: stack.name, service: service)
            if let snapshot, let writer, writer != desired.hash {
                throw RollbackError.dataNewer(revision: target.revision.id, service: service, host: host.name,
                                              stack: stack.name, snapshot: snapshot.id)
            }
        }
        return chosen
    }
}
