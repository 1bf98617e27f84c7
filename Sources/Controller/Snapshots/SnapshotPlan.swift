import Docker
import FoundationEssentials
import Planner
import Store
import Spec

/// What a rollout's journal must know about the data it snapshots, so recovery can finish or undo it.
struct SnapshotPlan: Codable, Sendable, Equatable {
    /// The snapshot volume being filled.
    var volume: String
    /// The image the helper runs from (the service's, already on the host).
    var image: String
    /// Named volumes and host-data folders, in the order of the snapshot's folders `0`, `1`, ….
    var sources: [String]
    /// Labels the helper container, so a killed run's helper is found and removed.
    var helperName: String
    var restore: SnapshotPolicy.Restore
    /// `reconcile rollback --with-data`: the earlier snapshot restored before the new container starts.
    var restoreFrom: String?
    var restoreFromSources: [String]?

    /// Whether a revert must copy the snapshot back, given the steps the rollout got to.
    func mustRestore(steps: some Sequence<OperationStep>) -> Bool {
        let reached = Set(steps)
        if restoreFrom != nil, reached.contains(.restoreTarget) { return true }
        return restore == .onRollback && reached.contains(.startNew)
    }

    /// The service's named volumes and host-data folders that the running container mounts too: only data that
    /// exists is copied (a volume new in this version would otherwise be created, unlabelled, by the helper).
    static func sources(of desired: DesiredContainer, mountedBy old: ContainerInspect) -> [String] {
        let mounted = Set((old.hostConfig?.binds ?? []).map { String($0.split(separator: ":").first ?? "") }
            + (old.hostConfig?.mounts ?? []).compactMap { $0.type == .volume ? $0.source : nil })
        var sources: [String] = []
        for mount in desired.service.volumes {
            let source: String? = switch mount.type {
            case .volume: mount.source.map { desired.stack.volumes[$0]?.name ?? $0 }
            case .bind where mount.hostData != nil: mount.source
            default: nil
            }
            if let source, mounted.contains(source), !sources.contains(source) { sources.append(source) }
        }
        return sources
    }

    /// `<project>_<service>_snapshot_<ms since 1970>`: unique per update, sorted by age in `docker volume ls`.
    static func volumeName(_ desired: DesiredContainer, at date: Date = Date()) -> String {
        "\(desired.stack.projectName)_\(desired.service.name)_snapshot_\(Int64(date.timeIntervalSince1970 * 1000))"
    }
}
