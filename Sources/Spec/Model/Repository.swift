/// The whole desired state read from one git checkout: every host, every error-free stack, and the stacks held
/// back by their errors.
public struct Repository: Sendable, Codable, Hashable {
    /// Absolute path of the checkout the repository was loaded from.
    public var root: String
    /// Hosts sorted by name.
    public var hosts: [HostSpec]
    /// Stacks sorted by name.
    public var stacks: [StackSpec]
    /// Stacks with errors, by name, with those errors: never planned, their live containers left as they are.
    public var heldStacks: [String: [Diagnostic]]

    public init(root: String, hosts: [HostSpec], stacks: [StackSpec], heldStacks: [String: [Diagnostic]] = [:]) {
        self.root = root
        self.heldStacks = heldStacks
        self.hosts = hosts.sorted { $0.name < $1.name }
        self.stacks = stacks.sorted { $0.name < $1.name }
    }

    public func host(named name: String) -> HostSpec? {
        hosts.first { $0.name == name }
    }

    public func stack(named name: String) -> StackSpec? {
        stacks.first { $0.name == name }
    }

    /// Each held stack's first error, `file:line:col: error: message`, by stack name.
    public var heldStackErrors: [String: String] {
        heldStacks.compactMapValues { $0.first?.description }
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
