/// Host data is placed per host: the same stack on two hosts keeps its data under each host's own `data:` root.
extension StackSpec {
    /// Every host-data mount of the stack, with its service, in file order.
    public var hostDataMounts: [(service: String, mount: VolumeMount, data: HostData)] {
        services.flatMap { service in
            service.volumes.compactMap { mount in mount.hostData.map { (service.name, mount, $0) } }
        }
    }

    /// The stack as it runs on a host whose data root is `root`: each host-data bind's source becomes
    /// `<root>/<project>/<path>`. Without a root (the loader refuses such a placement) sources stay as written.
    public func placingHostData(under root: String?) -> StackSpec {
        guard let root else { return self }
        var placed = self
        for s in placed.services.indices {
            for v in placed.services[s].volumes.indices {
                guard let data = placed.services[s].volumes[v].hostData else { continue }
                placed.services[s].volumes[v].source = data.hostPath(under: root)
            }
        }
        return placed
    }
}
