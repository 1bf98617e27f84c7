import Docker
import Planner

/// What a stack that left a host leaves behind once its containers are gone: its networks are
/// removed (an empty network only costs an address pool, and pools run out), its named volumes
/// are kept and reported, because they may hold the only copy of someone's data.
struct StackLeftovers {
    let client: DockerClient
    let owner: Owner

    /// Removes the stack's empty networks; returns a note per network removed and per volume kept.
    func clear(stack: String) async -> [String] {
        var notes: [String] = []
        let owned = DockerFilters.label(ManagedLabels.stack, stack)
        for network in (try? await client.listNetworks(filters: owned)) ?? []
        where owner.owns(labels: network.labels ?? [:]) {
            do {
                try await client.removeNetwork(network.id)
                notes.append("network \(network.name) removed")
            } catch {
                notes.append("network \(network.name) kept: \(error)")
            }
        }
        for volume in (try? await client.listVolumes(filters: owned)) ?? []
        where volume.labels?["reconcile.files"] == nil
            && owner.owns(labels: volume.labels ?? [:]) {
            notes.append("orphaned volume \(volume.name) kept: prune never deletes volumes; "
                         + "`docker volume rm \(volume.name)` on \(client.host) once its data is safe")
        }
        return notes
    }
}
