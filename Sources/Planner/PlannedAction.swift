import Spec

/// One step of a plan, with the reasons a person reads in `plan` and history.
public struct PlannedAction: Sendable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        /// Fetch an image the host does not have (before anything is stopped).
        case pull
        /// A service with no container yet.
        case create
        /// A container whose desired hash changed: replace it.
        case recreate
        /// An unmanaged container whose running configuration equals the desired one: taken over as it runs
        /// (ownership and hash recorded in the store), not recreated.
        case adopt
        /// A managed container stopped by hand (drift): start it again.
        case start
        /// A managed container whose service or stack left the repo.
        case remove
        /// Nothing to do.
        case keep
        /// Blocked: a name clash with an unmanaged container, or a rollback hold.
        case blocked
        /// A `<name>.prev`/`<name>.next` left by an interrupted rollout: settled by recovery (completed or
        /// reverted, from what the host shows).
        case cleanup
    }

    public var kind: Kind
    public var stack: String
    /// Service name; for `pull`, the image reference.
    public var subject: String
    public var containerName: String?
    /// The live container this acts on (recreate/start/remove/keep, or the clashing one).
    public var existing: LiveContainer?
    public var desired: DesiredContainer?
    public var reasons: [String]

    public init(kind: Kind, stack: String, subject: String, containerName: String? = nil,
                existing: LiveContainer? = nil, desired: DesiredContainer? = nil, reasons: [String] = []) {
        self.kind = kind
        self.stack = stack
        self.subject = subject
        self.containerName = containerName
        self.existing = existing
        self.desired = desired
        self.reasons = reasons
    }

    /// Whether applying this action changes the host.
    public var mutates: Bool {
        switch kind {
        case .pull, .create, .recreate, .adopt, .start, .remove, .cleanup: return true
        case .keep, .blocked: return false
        }
    }
}

/// Everything to do for one stack on one host, in the order to do it.
public struct StackPlan: Sendable, Hashable {
    public var stack: String
    /// The desired stack; nil when the stack left the repo (or this host) and only removals remain.
    public var spec: StackSpec?
    public var actions: [PlannedAction]
    /// For a stack the repo holds because of its errors: the first one. Nothing of it is planned.
    public var held: String?

    public init(stack: String, spec: StackSpec?, actions: [PlannedAction], held: String? = nil) {
        self.held = held
        self.stack = stack
        self.spec = spec
        self.actions = actions
    }

    public var hasChanges: Bool { actions.contains { $0.mutates } }
    public var isBlocked: Bool { actions.contains { $0.kind == .blocked } }
}

/// Everything to do on one host.
public struct HostPlan: Sendable, Hashable {
    public var host: String
    public var stacks: [StackPlan]
    /// Stacks on the host that another repository owns: shown, never touched.
    public var foreign: [ForeignStack]
    /// Why the removals of departed stacks were refused (see `RemovalGuard`); nil when they were not.
    public var massRemoval: String?

    public init(host: String, stacks: [StackPlan], foreign: [ForeignStack] = [], massRemoval: String? = nil) {
        self.host = host
        self.stacks = stacks
        self.foreign = foreign
        self.massRemoval = massRemoval
    }

    public var hasChanges: Bool { stacks.contains { $0.hasChanges } }
}

/// A stack on a host whose containers belong to another repository (or an older, undeclared deployment).
public struct ForeignStack: Sendable, Hashable, Codable {
    public var stack: String
    /// In words: `repository <id>`, or why it is not this repository's.
    public var owner: String
    public var containers: [String]

    public init(stack: String, owner: String, containers: [String]) {
        self.stack = stack
        self.owner = owner
        self.containers = containers
    }
}
