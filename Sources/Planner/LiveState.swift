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
    public var repository: String? { labels[ManagedLabels.repository] }
    /// A `<name>.prev` or `<name>.next` left by a rollout: recovery, not the planner, decides its fate.
    public var isTransient: Bool { Planner.transientSuffixes.contains { name.hasSuffix($0) } }
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
    /// This checkout's repository identity; nil when it has none (then it prunes no departed stack).
    public var repository: String?
    /// Stacks the repository declares: a container made before repository labels existed (none on it)
    /// belongs to this repository only if its stack is one of these.
    public var declaredStacks: Set<String>

    public init(host: String, containers: [LiveContainer], imageIDs: [String: String],
                instance: String = ManagedLabels.defaultInstance, repository: String? = nil,
                declaredStacks: Set<String> = []) {
        self.host = host
        self.containers = containers
        self.imageIDs = imageIDs
        self.instance = instance
        self.repository = repository
        self.declaredStacks = declaredStacks
    }

    /// Containers this installation manages (and so may stop, rename or remove).
    public var managed: [LiveContainer] { containers.filter(owns) }

    public var owner: Owner { Owner(instance: instance, repository: repository, declaredStacks: declaredStacks) }

    public func owns(_ container: LiveContainer) -> Bool { owner.owns(labels: container.labels) }

    /// Who owns a container of this instance that this repository does not (see `Owner`).
    public func foreignOwner(_ container: LiveContainer) -> String? { owner.foreignOwner(labels: container.labels) }
}
