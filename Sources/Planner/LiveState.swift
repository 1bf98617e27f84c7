/// A container as one list call reports it: enough to plan without inspecting.
public struct LiveContainer: Sendable, Hashable {
    public var id: String
    /// Without Docker's leading slash.
    public var name: String
    /// `running`, `exited`, `created`, `restarting`, `paused`, `dead`.
    public var state: String
    public var imageID: String
    public var labels: [String: String]
    /// For an exited container, its exit code (from the list's status text); nil otherwise.
    public var exitCode: Int?

    public init(id: String, name: String, state: String, imageID: String, labels: [String: String],
                exitCode: Int? = nil) {
        self.id = id
        self.name = name
        self.state = state
        self.imageID = imageID
        self.labels = labels
        self.exitCode = exitCode
    }

    /// Only containers carrying `reconcile.stack` are ever stopped, renamed or removed.
    public var isManaged: Bool { labels[ManagedLabels.stack] != nil }
    public var stack: String? { labels[ManagedLabels.stack] }
    public var service: String? { labels[ManagedLabels.service] }
    public var hash: String? { labels[ManagedLabels.hash] }
    public var instance: String { labels[ManagedLabels.instance] ?? ManagedLabels.defaultInstance }
    public var isRunning: Bool { state == "running" || state == "restarting" }
    /// A one-shot job that ran to completion: left as it is.
    public var exitedCleanly: Bool { state == "exited" && exitCode == 0 }
}

/// What one host runs now, as the planner needs it.
public struct HostObservation: Sendable, Hashable {
    public var host: String
    /// Every container on the host, managed or not (unmanaged ones only matter for name clashes).
    public var containers: [LiveContainer]
    /// Image ID per image reference as written in the repo; absent = not on the host.
    public var imageIDs: [String: String]
    /// This installation's `reconcile.instance`: containers of other instances are left alone like unmanaged ones.
    public var instance: String

    public init(host: String, containers: [LiveContainer], imageIDs: [String: String],
                instance: String = ManagedLabels.defaultInstance) {
        self.host = host
        self.containers = containers
        self.imageIDs = imageIDs
        self.instance = instance
    }

    /// Containers this installation manages (and so may stop, rename or remove).
    public var managed: [LiveContainer] { containers.filter(owns) }

    public func owns(_ container: LiveContainer) -> Bool {
        container.isManaged && container.instance == instance
    }
}
