import Basics

/// One stack: a Compose project from `stacks/<name>/compose.yaml` plus its `x-reconcile` policy.
public struct StackSpec: Sendable, Codable, Hashable {
    /// The folder name under `stacks/`.
    public var name: String
    /// Compose project name: top-level `name:` or the folder name, normalised like compose.
    public var projectName: String
    /// Absolute path of the stack folder.
    public var directory: String
    /// Repository-relative path of the compose file.
    public var file: String
    /// Services sorted by name.
    public var services: [ServiceSpec]
    /// Top-level networks including the implicit `default` when a service uses it.
    public var networks: [String: NetworkSpec]
    public var volumes: [String: VolumeSpec]
    /// Placement written in `x-reconcile.hosts`; nil when the compose file says nothing about it.
    public var placement: Placement?
    /// Hosts whose `hosts/<host>.yaml` lists this stack under `stacks:` (a union with `placement`).
    public var listedOn: [String]
    public var windows: [WindowSpec]
    public var health: HealthPolicy
    /// The stack's update policy; a service may override it (`serviceUpdates`, read through `updatePolicy(for:)`).
    public var updates: UpdatePolicy
    /// Service name → its own `x-reconcile.updates` merged over the stack's; nil when no service has one.
    public var serviceUpdates: [String: UpdatePolicy]?
    /// Remove managed containers of services no longer in the file.
    public var prune: Bool
    /// Where the stack's file starts (for stack-level diagnostics).
    public var source: SourceLocation
    /// Location of the `x-reconcile` block, or of the file when there is none.
    public var policySource: SourceLocation
    /// Where each host named in `x-reconcile.hosts` is written, so an error points at that entry.
    /// Optional: records written before it existed decode without it.
    public var hostSources: [String: SourceLocation]?
    /// Values that came from interpolation (`.env`, the process environment) or env files: the containers get them,
    /// records show only keyed fingerprints of them, wherever they landed (command, healthcheck, labels, …).
    public var secrets: Set<String> = []
    /// `x-reconcile.snapshots`: whose data is copied before an update; nil when the stack does not ask for it.
    public var snapshots: SnapshotPolicy?

    public init(name: String, projectName: String, directory: String, file: String, services: [ServiceSpec],
                networks: [String: NetworkSpec] = [:], volumes: [String: VolumeSpec] = [:], placement: Placement?, listedOn: [String] = [],
                windows: [WindowSpec] = [], health: HealthPolicy = HealthPolicy(), updates: UpdatePolicy = UpdatePolicy(),
                prune: Bool = true, source: SourceLocation, policySource: SourceLocation) {
        self.name = name
        self.projectName = projectName
        self.directory = directory
        self.file = file
        self.services = services.sorted { $0.name < $1.name }
        self.networks = networks
        self.volumes = volumes
        self.placement = placement
        self.listedOn = listedOn
        self.windows = windows
        self.health = health
        self.updates = updates
        self.prune = prune
        self.source = source
        self.policySource = policySource
    }

    /// Whether the stack runs on `host`: its own `x-reconcile.hosts`, or the host file's `stacks:`.
    public func isPlaced(on host: HostSpec) -> Bool {
        listedOn.contains(host.name) || placement?.matches(host) == true
    }

    /// The update policy that governs `service`: its own override, else the stack's.
    public func updatePolicy(for service: String) -> UpdatePolicy {
        serviceUpdates?[service] ?? updates
    }

    public func service(named name: String) -> ServiceSpec? {
        services.first { $0.name == name }
    }

    /// The snapshot policy that covers `service`, if its data is snapshotted.
    public func snapshotPolicy(for service: String) -> SnapshotPolicy? {
        snapshots.flatMap { $0.covers(service) ? $0 : nil }
    }
}
