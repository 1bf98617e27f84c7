import Docker
import Planner
import Spec

/// Creates the networks and named volumes a stack needs, labelled as reconcile's.
/// External ones must already exist; they are checked, never created.
struct StackResources {
    let client: DockerClient
    let owner: Owner

    func ensure(_ stack: StackSpec, for services: [ServiceSpec]) async throws {
        let networkKeys = Set(services.flatMap { $0.networkMode == nil ? Array(($0.networks ?? [:]).keys) : [] })
        try await ensureNetworks(stack, stack.networks.filter { networkKeys.contains($0.key) })
        let volumeKeys = Set(services.flatMap { $0.volumes.filter { $0.type == .volume }.compactMap(\.source) })
        try await ensureVolumes(stack, stack.volumes.filter { volumeKeys.contains($0.key) })
    }

    private func ensureNetworks(_ stack: StackSpec, _ networks: [String: NetworkSpec]) async throws {
        guard !networks.isEmpty else { return }
        let existing = Set(try await client.listNetworks(filters: DockerFilters(["name": networks.values.map(\.name)]))
            .map(\.name))
        for (key, net) in networks.sorted(by: { $0.key < $1.key }) where !existing.contains(net.name) {
            guard !net.external else { throw missingExternal(.network, net.name, key, stack) }
            let ipam = net.ipam.map { spec in
                IPAM(driver: spec.driver, config: spec.config.map {
                    IPAM.Pool(subnet: $0.subnet, gateway: $0.gateway, ipRange: $0.ipRange)
                })
            }
            _ = try await client.createNetwork(NetworkCreateRequest(
                name: net.name, driver: net.driver, labels: labels(net.labels, stack, ManagedLabels.network, key),
                ipam: ipam, internal: net.isInternal ? true : nil, attachable: net.attachable ? true : nil,
                options: net.driverOpts.isEmpty ? nil : net.driverOpts))
        }
    }

    private func ensureVolumes(_ stack: StackSpec, _ volumes: [String: VolumeSpec]) async throws {
        guard !volumes.isEmpty else { return }
        let existing = Set(try await client.listVolumes(filters: DockerFilters(["name": volumes.values.map(\.name)]))
            .map(\.name))
        for (key, volume) in volumes.sorted(by: { $0.key < $1.key }) where !existing.contains(volume.name) {
            guard !volume.external else { throw missingExternal(.volume, volume.name, key, stack) }
            _ = try await client.createVolume(VolumeCreateRequest(
                name: volume.name, driver: volume.driver, driverOpts: volume.driverOpts.isEmpty ? nil : volume.driverOpts,
                labels: labels(volume.labels, stack, ManagedLabels.volume, key)))
        }
    }

    /// The file's own labels, then what makes the object reconcile's: its stack, its key there, its owner.
    private func labels(_ own: [String: String], _ stack: StackSpec, _ keyLabel: String, _ key: String) -> [String: String] {
        var labels = own
        labels[ManagedLabels.stack] = stack.name
        labels[keyLabel] = key
        labels.merge(owner.labels) { _, ours in ours }
        return labels
    }

    func missingExternal(_ resource: ApplyError.Resource, _ name: String, _ key: String, _ stack: StackSpec) -> ApplyError {
        .missingExternal(resource, name: name, key: key, file: stack.file, host: client.host)
    }
}
