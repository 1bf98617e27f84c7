import Planner
import Store

/// What every stack of one pass shares: where the spec came from and why the pass runs.
public struct PassContext: Sendable {
    /// The git commit of the checkout (`+dirty` with local edits); nil outside git.
    public var commit: String?
    /// What started the pass.
    public var trigger: TriggerKind
    /// Every trigger this pass serves (coalesced bursts).
    public var triggers: [String]
    public var environment: [String: String]
    /// The installation and repository this pass acts for: what it labels, and all it may touch.
    public var owner: Owner
    /// The installation's `reconcile.instance` label value.
    public var instance: String { owner.instance }
    /// Keyed fingerprints for everything recorded, logged or reported.
    public var redactor: Redactor
    /// Sees each health gate wait (a terminal draws it); nil: nobody watches.
    public var gateProgress: GateProgress?
    /// Sees each step as it happens; nil: nobody watches.
    public var stepObserver: PassStepObserver?

    public init(commit: String?, trigger: TriggerKind, triggers: [String]? = nil, environment: [String: String],
                owner: Owner, redactor: Redactor) {
        self.owner = owner
        self.redactor = redactor
        self.commit = commit
        self.trigger = trigger
        self.triggers = triggers ?? [trigger.rawValue]
        self.environment = environment
    }
}

/// What `reconcile apply` asks for.
public struct ApplyRequest: Sendable {
    public var trigger: TriggerKind
    public var triggers: [String]?
    /// Replace unmanaged containers whose names clash with a service.
    public var adopt: Bool
    /// Stacks whose held-back (rolled back) configurations may be tried again.
    public var retry: Set<String>
    /// Image references to pull before planning, because a registry (webhook or poll) said their tag moved.
    /// Only hosts whose stacks use a reference pull it; the plan then sees the new image ID.
    public var refresh: Set<String>
    /// Apply outside deploy windows (a person said so); recorded in each revision's triggers.
    public var ignoreWindows: Bool
    /// Remove departed stacks even where `RemovalGuard` refuses (`--allow-mass-removal`); never set by the daemon.
    public var allowMassRemoval: Bool
    /// Sees the pass's steps as they happen (the daemon's live status page); nil: nobody watches.
    public var observer: PassStepObserver?

    public init(trigger: TriggerKind = .manual, triggers: [String]? = nil, adopt: Bool = false, retry: Set<String> = [],
                refresh: Set<String> = [], ignoreWindows: Bool = false, allowMassRemoval: Bool = false) {
        self.allowMassRemoval = allowMassRemoval
        self.ignoreWindows = ignoreWindows
        self.trigger = trigger
        self.triggers = triggers
        self.adopt = adopt
        self.retry = retry
        self.refresh = refresh
    }
}
