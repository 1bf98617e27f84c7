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
        let networks = try await missing(.network, stack.networks.filter { networkKeys.contains($0.key) }, in: stack) {
            try await client.listNetworks(filters: DockerFilters(["name": $0])).map(\.name)
        }
        for (key, net) in networks {
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
        let volumeKeys = Set(services.flatMap { $0.volumes.filter { $0.type == .volume }.compactMap(\.source) })
        let volumes = try await missing(.volume, stack.volumes.filter { volumeKeys.contains($0.key) }, in: stack) {
            try await client.listVolumes(filters: DockerFilters(["name": $0])).map(\.name)
        }
        for (key, volume) in volumes {
            _ = try await client.createVolume(VolumeCreateRequest(
                name: volume.name, driver: volume.driver, driverOpts: volume.driverOpts.isEmpty ? nil : volume.driverOpts,
                labels: labels(volume.labels, stack, ManagedLabels.volume, key)))
        }
    }

    /// The declared objects the host lacks, in key order, asking the engine once for all their names; a missing
    /// external one is an error, since reconcile never creates what the stack says someone else owns.
    private func missing<Object: DeclaredResource>(
        _ resource: ApplyError.Resource, _ declared: [String: Object], in stack: StackSpec,
        existing: ([String]) async throws -> [String]
    ) async throws -> [(key: String, object: Object)] {
        guard !declared.isEmpty else { return [] }
        let present = Set(try await existing(declared.values.map(\.name)))
        var missing: [(key: String, object: Object)] = []
        for (key, object) in declared.sorted(by: { $0.key < $1.key }) where !present.contains(object.name) {
            guard !object.external else {
                throw ApplyError.missingExternal(resource, name: object.name, key: key, file: stack.file, host: client.host)
            }
            missing.append((key, object))
        }
        return missing
    }

    /// The file's own labels, then what makes the object reconcile's: its stack, its key there, its owner.
    private func labels(_ own: [String: String], _ stack: StackSpec, _ keyLabel: String, _ key: String) -> [String: String] {
        var labels = own
        labels[ManagedLabels.stack] = stack.name
        labels[keyLabel] = key
        labels.merge(owner.labels) { _, ours in ours }
        return labels
    }
}
