import Spec

/// Everything the plan for one host depends on. Plain values: planning does no I/O.
public struct PlanInput: Sendable {
    public var host: String
    /// Stacks the repo places on this host (already narrowed by any `--stack` filter).
    public var stacks: [StackSpec]
    /// Every stack name in the repo, so a stack that moved to another host is told apart from a deleted one.
    public var repoStackNames: Set<String>
    /// Stacks whose leftovers may be removed from this host: nil means any (no `--stack` filter).
    public var removalScope: Set<String>?
    public var observation: HostObservation
    /// Redacted configs of earlier containers by hash, to explain what changed.
    public var knownConfigs: KnownConfigs
    /// Content hashes of repo files, by repo-relative path.
    public var repoFiles: [String: String]
    /// Desired hashes that failed their health gate, by "stack/service": not retried.
    public var heldBack: [String: String]
    /// Replace unmanaged containers whose names clash instead of refusing.
    public var adopt: Bool
    /// Unmanaged containers that have a service's name, compared with it, by container name.
    public var takeovers: [String: TakeoverCheck]
    /// Removals of departed stacks the `RemovalGuard` would refuse go ahead (`--allow-mass-removal`).
    public var allowMassRemoval: Bool
    /// Redacts the desired side before it is compared with the (redacted) known configs.
    public var redactor: Redactor
    /// Stacks the repo holds because of their errors, with the first one: their live containers are left alone.
    public var heldStacks: [String: String]

    public init(host: String, stacks: [StackSpec], repoStackNames: Set<String>, removalScope: Set<String>? = nil,
                observation: HostObservation, knownConfigs: KnownConfigs = KnownConfigs(),
                repoFiles: [String: String] = [:], heldBack: [String: String] = [:], adopt: Bool = false,
                takeovers: [String: TakeoverCheck] = [:], allowMassRemoval: Bool = false, redactor: Redactor,
                heldStacks: [String: String] = [:]) {
        self.heldStacks = heldStacks
        self.takeovers = takeovers
        self.allowMassRemoval = allowMassRemoval
        self.redactor = redactor
        self.host = host
        self.stacks = stacks
        self.repoStackNames = repoStackNames
        self.removalScope = removalScope
        self.observation = observation
        self.knownConfigs = knownConfigs
        self.repoFiles = repoFiles
        self.heldBack = heldBack
        self.adopt = adopt
    }
}

/// The pure plan function: desired state + live state → ordered actions with reasons.
public enum Planner {
    /// Suffixes of containers that belong to an operation in flight; recovery, not the planner, owns them.
    public static let transientSuffixes = [".prev", ".next"]

    public static func plan(_ input: PlanInput) -> HostPlan {
        let byName = Dictionary(input.observation.containers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let owned = input.observation.managed
        let managed = owned.filter { !$0.isTransient }
        // Grouped once: filtering every stack's containers out of the whole host made planning quadratic.
        let liveByStack = Dictionary(grouping: managed, by: { $0.stack ?? "" })
        var plans = input.stacks.map { stack in
            planStack(stack, input: input, byName: byName, live: liveByStack[stack.name] ?? [])
        }
        let placed = Set(input.stacks.map(\.name))
        let held = heldPlans(input, owned: owned)
        let leftover = Dictionary(grouping: managed.filter { c in
            guard let stack = c.stack, !placed.contains(stack), input.heldStacks[stack] == nil else { return false }
            return input.removalScope?.contains(stack) ?? true
        }, by: { $0.stack ?? "" })
        var departed: [StackPlan] = []
        for (stack, containers) in leftover.sorted(by: { $0.key < $1.key }) {
            let why = input.repoStackNames.contains(stack)
                ? "stack \(stack) is no longer placed on \(input.host)"
                : "stack \(stack) removed from repo"
            let actions = containers.sorted { $0.name < $1.name }.map { c in
                PlannedAction(kind: .remove, stack: stack, subject: c.service ?? c.name, containerName: c.name,
                              existing: c, reasons: [why])
            }
            departed.append(StackPlan(stack: stack, spec: nil, actions: actions))
        }
        let refusal = input.allowMassRemoval ? nil
            : RemovalGuard.refusal(host: input.host, departing: departed.map(\.stack),
                                   running: Set(managed.compactMap(\.stack)),
                                   declared: input.repoStackNames.union(input.heldStacks.keys))
        if let refusal {
            departed = departed.map { RemovalGuard.refuse($0, because: refusal) }
        }
        plans += departed
        plans = cleanups(owned.filter { $0.isTransient && input.heldStacks[$0.stack ?? ""] == nil }, into: plans,
                         scope: input.removalScope)
        plans += held
        return HostPlan(host: input.host, stacks: plans, foreign: foreignStacks(input.observation), massRemoval: refusal)
    }

    /// One plan without actions per held stack that has containers here (leftovers included), saying why.
    static func heldPlans(_ input: PlanInput, owned: [LiveContainer]) -> [StackPlan] {
        let present = Set(owned.compactMap(\.stack))
        return input.heldStacks.keys.sorted().filter { stack in
            present.contains(stack) && (input.removalScope?.contains(stack) ?? true)
        }.map { StackPlan(stack: $0, spec: nil, actions: [], held: input.heldStacks[$0]) }
    }

    /// A `.cleanup` per leftover `<name>.prev`/`.next`, in the plan of its stack (one is added if needed).
    static func cleanups(_ leftovers: [LiveContainer], into plans: [StackPlan], scope: Set<String>?) -> [StackPlan] {
        var plans = plans
        for c in leftovers.sorted(by: { $0.name < $1.name }) {
            guard let stack = c.stack, scope?.contains(stack) ?? true else { continue }
            let action = PlannedAction(kind: .cleanup, stack: stack, subject: c.service ?? c.name, containerName: c.name,
                                       existing: c, reasons: ["\(c.name) was left by an interrupted rollout; "
                                                              + "recovery completes or reverts it from what the host shows"])
            if let index = plans.firstIndex(where: { $0.stack == stack }) {
                plans[index].actions.insert(action, at: 0)
            } else {
                plans.append(StackPlan(stack: stack, spec: nil, actions: [action]))
            }
        }
        return plans
    }

    /// Stacks of this instance owned by another repository, with their containers, by stack name.
    static func foreignStacks(_ observation: HostObservation) -> [ForeignStack] {
        var byStack: [String: ForeignStack] = [:]
        for c in observation.containers {
            guard let owner = observation.foreignOwner(c), let stack = c.stack else { continue }
            byStack[stack, default: ForeignStack(stack: stack, owner: owner, containers: [])].containers.append(c.name)
        }
        return byStack.values.sorted { $0.stack < $1.stack }.map {
            ForeignStack(stack: $0.stack, owner: $0.owner, containers: $0.containers.sorted())
        }
    }

    static func planStack(_ stack: StackSpec, input: PlanInput, byName: [String: LiveContainer],
                          live: [LiveContainer]) -> StackPlan {
        var actions: [PlannedAction] = []
        var pulls: [String] = []
        var claimed = Set<String>()
        var replaced = Set<String>()
        for service in stack.servicesInDependencyOrder {
            let imageID = input.observation.imageIDs[service.image]
            let pullable = service.pullPolicy != "never"
            if imageID == nil, pullable, !pulls.contains(service.image) { pulls.append(service.image) }
            var files = service.volumes.reduce(into: [String: String]()) { files, mount in
                guard let source = mount.repoRelativeSource else { return }
                for (path, hash) in input.repoFiles where source == "." || path == source || path.hasPrefix(source + "/") {
                    // A secret's fingerprint is keyed, so a short password cannot be found again by hashing guesses.
                    let secret = mount.isSecret == true || files[path]?.hasPrefix(Redactor.tokenPrefix) == true
                    files[path] = secret ? input.redactor.fingerprint(hash) : hash
                }
            }
            // Values copied in (`environment`/`content` secrets and configs) enter hash and history keyed only.
            for file in service.injectedFiles ?? [] { files[file.name] = input.redactor.fingerprint(file.content) }
            let desired = DesiredContainer(stack: stack, service: service, imageID: imageID, repoFiles: files)
            let name = desired.name
            claimed.insert(name)
            let current = byName[name]
            var action = serviceAction(desired, current: current, input: input)
            if imageID == nil, !pullable {
                action.kind = .blocked
                action.reasons = ["image \(service.image) is not on \(input.host) and `pull_policy: never` forbids pulling it; "
                                  + "load it on the host (`docker load`), or drop `pull_policy`"]
            }
            if let target = service.networkModeService, replaced.contains(target), [.keep, .start].contains(action.kind) {
                // Its network namespace is the old container's: only a new container joins the new one.
                action.kind = .recreate
                action.reasons = ["network_mode: service:\(target), and \(target) is recreated"]
            }
            if [.create, .recreate].contains(action.kind) { replaced.insert(service.name) }
            actions.append(action)
            for stray in live where stray.service == service.name && stray.name != name {
                claimed.insert(stray.name)
                actions.append(PlannedAction(kind: .remove, stack: stack.name, subject: service.name,
                                             containerName: stray.name, existing: stray,
                                             reasons: ["container name changed to \(name)"]))
            }
        }
        for gone in live where !claimed.contains(gone.name) {
            let service = gone.service ?? gone.name
            if stack.prune {
                actions.append(PlannedAction(kind: .remove, stack: stack.name, subject: service,
                                             containerName: gone.name, existing: gone,
                                             reasons: ["service \(service) removed from repo"]))
            } else {
                actions.append(PlannedAction(kind: .keep, stack: stack.name, subject: service,
                                             containerName: gone.name, existing: gone,
                                             reasons: ["orphan: service \(service) is no longer in the repo; prune is off"]))
            }
        }
        let pullActions = pulls.map {
            PlannedAction(kind: .pull, stack: stack.name, subject: $0, reasons: ["image \($0) is not on \(input.host)"])
        }
        return StackPlan(stack: stack.name, spec: stack, actions: pullActions + actions)
    }

    static func serviceAction(_ desired: DesiredContainer, current: LiveContainer?, input: PlanInput) -> PlannedAction {
        let stack = desired.stack.name, service = desired.service.name, name = desired.name
        func action(_ kind: PlannedAction.Kind, _ reasons: [String]) -> PlannedAction {
            PlannedAction(kind: kind, stack: stack, subject: service, containerName: name,
                          existing: current, desired: desired, reasons: reasons)
        }
        guard let current else { return action(.create, ["new service"]) }
        if let owner = input.observation.foreignOwner(current) {
            return action(.blocked, [
                "container name \(name) belongs to stack \(current.stack ?? "?") of \(owner); it is never touched "
                    + "from this repository: give one of them another container_name, or remove the stack from the other repository",
            ])
        }
        guard input.observation.owns(current) else {
            return takeover(current, desired: desired, check: input.takeovers[name], adopt: input.adopt, action: action)
        }
        guard current.stack == stack, current.service == service else {
            return action(.blocked, [
                "container name \(name) belongs to stack \(current.stack ?? "?") service \(current.service ?? "?"); "
                    + "give one of them another container_name",
            ])
        }
        guard let hash = desired.hash else {
            return action(.recreate, ["image \(desired.service.image) will be pulled"])
        }
        // A container an earlier version made carries a scheme-1 hash: the same config is not recreated.
        if current.hash == hash || (current.hash != nil && current.hash == desired.legacyHash) {
            if current.isRunning { return action(.keep, []) }
            // A job that finished runs again only when its configuration changes.
            if desired.stack.isJob(desired.service), current.exitedCleanly { return action(.keep, []) }
            return action(.start, ["container is \(current.state); starting it again"])
        }
        if input.heldBack["\(stack)/\(service)"] == hash {
            return action(.blocked, ["held back after rollback: this configuration failed its health gate; "
                                     + "change the repo or run `reconcile apply --retry \(stack)`"])
        }
        let reasons = current.hash.flatMap { input.knownConfigs[$0] }
            .map { ConfigDiff.reasons(from: $0, to: input.redactor.redact(desired)) }
            ?? ["configuration changed (\(ConfigDiff.short(current.hash)) → \(ConfigDiff.short(hash)))"]
        return action(.recreate, reasons)
    }
}
