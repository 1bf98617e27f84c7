/// The whole desired state read from one git checkout: every host and every error-free stack.
public struct Repository: Sendable, Codable, Hashable {
    /// Absolute path of the checkout the repository was loaded from.
    public var root: String
    /// Hosts sorted by name.
    public var hosts: [HostSpec]
    /// Stacks sorted by name.
    public var stacks: [StackSpec]

    public init(root: String, hosts: [HostSpec], stacks: [StackSpec]) {
        self.root = root
        self.hosts = hosts.sorted { $0.name < $1.name }
        self.stacks = stacks.sorted { $0.name < $1.name }
    }

    public func host(named name: String) -> HostSpec? {
        hosts.first { $0.name == name }
    }

    public func stack(named name: String) -> StackSpec? {
        stacks.first { $0.name == name }
    }

    /// The hosts a stack runs on, resolving a selector against the host list.
    public func hosts(for stack: StackSpec) -> [HostSpec] {
        hosts.filter(stack.isPlaced)
    }

    /// The stacks placed on one host, as they run there: host-data binds under that host's `data:` root.
    public func stacks(on host: HostSpec) -> [StackSpec] {
        stacks.filter { $0.isPlaced(on: host) }.map { $0.placingHostData(under: host.data) }
    }
}
