import Docker
import Logging
import Planner

/// Removes shipped-content volumes that no container uses any more, once their service has moved on.
///
/// A container names the volumes it mounts in its `reconcile.files` label, so one container list tells
/// what is in use without inspecting anything. For each mount still in the repo, the newest unused
/// generation is kept as well: it is the previous revision's content, which a rollback or a `git revert`
/// brings back without shipping. Mounts of services or stacks that left this host keep nothing.
struct FileVolumePruner {
    let client: DockerClient
    let owner: Owner
    let logger: Logger

    /// `placed`: stack → services the repo places on this host. `scope`: stacks whose volumes may be
    /// touched (nil: any), as a `--stack` filter narrows a pass.
    @discardableResult
    func prune(placed: [String: Set<String>], scope: Set<String>?, held: Set<String> = []) async throws -> [String] {
        let filters = DockerFilters.label(RepoFileLabels.files).adding("label", "\(ManagedLabels.instance)=\(owner.instance)")
        let volumes = try await client.listVolumes(filters: filters).filter { volume in
            // Another repository's earlier generations are its rollback targets, not ours to drop.
            guard let stack = volume.labels?[ManagedLabels.stack], owner.owns(labels: volume.labels ?? [:]) else { return false }
            // A held stack's volumes are its rollback targets too, until its errors are fixed.
            return !held.contains(stack) && (scope?.contains(stack) ?? true)
        }
        guard !volumes.isEmpty else { return [] }
        var used = Set<String>()
        for container in try await client.listContainers(all: true) {
            for name in (container.labels[RepoFileLabels.files] ?? "").split(separator: ",") { used.insert(String(name)) }
            if let filling = container.labels[RepoFileLabels.helper] { used.insert(filling) }
        }
        let unused = Dictionary(grouping: volumes.filter { !used.contains($0.name) }) { volume in
            let labels = volume.labels ?? [:]
            return [labels[ManagedLabels.stack] ?? "", labels[ManagedLabels.service] ?? "", labels[RepoFileLabels.target] ?? ""]
        }
        var removed: [String] = []
        for (key, group) in unused.sorted(by: { $0.key.joined() < $1.key.joined() }) {
            let stillPlaced = placed[key[0]]?.contains(key[1]) ?? false
            let newestFirst = group.sorted { ($0.createdAt ?? "", $0.name) > ($1.createdAt ?? "", $1.name) }
            for volume in newestFirst.dropFirst(stillPlaced ? 1 : 0) {
                do {
                    try await client.removeVolume(volume.name)
                    removed.append(volume.name)
                } catch let error as DockerError {
                    // In use after all (a container reconcile does not know about): leave it.
                    logger.warning("kept a shipped-files volume", metadata: ["volume.name": .string(volume.name),
                                                                              "error": "\(error)"])
                }
            }
        }
        return removed
    }
}
