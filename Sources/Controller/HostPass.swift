import HTTP
import Docker
import FoundationEssentials
import Logging
import Planner
import Registry
import Schedule
import Spec
import Store

/// One host's part of a pass: connect, observe, plan, and (when applying) pull then apply stack by stack.
struct HostPass {
    let host: HostSpec
    let repository: Repository
    let settings: ControllerSettings
    let store: Store
    let context: PassContext
    let adopt: Bool
    /// References to pull first (their tag moved in the registry).
    let refresh: Set<String>
    /// Apply even outside deploy windows.
    let ignoreWindows: Bool
    /// Remove departed stacks even where `RemovalGuard` refuses.
    let allowMassRemoval: Bool
    let logger: Logger
    let makeTransport: TransportFactory

    var stacks: [StackSpec] {
        repository.stacks(on: host).filter { settings.stackFilter.isEmpty || settings.stackFilter.contains($0.name) }
    }

    func run(apply: Bool) async -> HostReport {
        var report = HostReport(host: host.name, endpoint: host.endpoint, reachable: false, error: nil, stacks: [],
                                requests: 0, vlan: host.vlan)
        let counter = Counter()
        do {
            let connection = try HostConnection.open(host, settings: settings, logger: logger) { host, endpoint, options in
                counter.wrap(makeTransport(host, endpoint, options))
            }
            (report.stacks, report.foreign) = try await work(connection.client, apply: apply)
            report.reachable = true
            report.apiVersion = connection.client.apiVersion?.description
            report.engineVersion = connection.client.engineVersion
        } catch let error as DockerError where error.host == host.name {
            // The report names the host and its endpoint: the error adds the request and the cause, once.
            report.reachable = !error.isUnreachable
            report.error = error.request
        } catch let error as DockerError {
            report.reachable = !error.isUnreachable
            report.error = error.description
        } catch {
            report.error = "\(error)"
        }
        report.requests = counter.transport?.requests.count ?? 0
        return report
    }

    /// Observe, plan, and (when applying) pull first, then apply stack by stack.
    func work(_ client: DockerClient, apply: Bool) async throws -> ([StackReport], [ForeignStack]?) {
        if apply { try await refreshImages(client) }
        var input = try await planInput(client)
        if apply, await settleLeftovers(input.observation, client: client) {
            input = try await planInput(client)
        }
        var plan = Planner.plan(input)
        let api = try await client.agreedVersion()
        let foreign = plan.foreign.isEmpty ? nil : plan.foreign
        guard apply else {
            return (plan.stacks.map { stackPlan in
                var planned = StackReport(planned: stackPlan)
                if stackPlan.hasChanges, let hold = windowHold(stackPlan) { planned.hold(hold) }
                // Said by the plan already: applying it would fail on this engine.
                if let refusal = EngineSupport.refusal(stackPlan, host: host.name, api: api) { planned.error = refusal }
                return planned
            }, foreign)
        }
        let failedPulls = await pull(plan, client: client, into: &input)
        if plan.stacks.contains(where: { $0.actions.contains { $0.kind == .pull } }) {
            // Pulled images now have IDs: plan again so hashes (and reasons) are exact.
            plan = Planner.plan(input)
        }
        let applier = StackApplier(client: client, store: store, host: host.name, context: context, logger: logger)
        var reports: [StackReport] = []
        // Departed stacks go concurrently: each container stops within its own stop timeout, not one by one.
        let departed = plan.stacks.filter { $0.spec == nil && $0.hasChanges && !$0.isBlocked && windowHold($0) == nil }
        let removed = await withTaskGroup(of: StackReport.self) { group in
            for stackPlan in departed { group.addTask { await applier.apply(stackPlan) } }
            var out: [String: StackReport] = [:]
            for await report in group { out[report.stack] = report }
            return out
        }
        for stackPlan in plan.stacks {
            if let report = removed[stackPlan.stack] {
                reports.append(report)
                continue
            }
            // A held stack is only reported: its containers, networks, volumes and held-back state stay as they are.
            if stackPlan.held != nil {
                reports.append(StackReport(planned: stackPlan))
                continue
            }
            var report = StackReport(planned: stackPlan)
            // Judged as each stack starts: a window that closes mid-pass lets the stack in
            // progress finish and starts no new one.
            if stackPlan.hasChanges, let hold = windowHold(stackPlan) {
                report.hold(hold)
            } else if let failure = failedPulls.first(where: { ref, _ in
                stackPlan.actions.contains { $0.desired?.service.image == ref }
            }) {
                report.outcome = .failed
                report.error = "pull \(failure.key) failed (\(failure.value)); nothing in this stack was touched"
                report.actions = stackPlan.actions.map { ActionReport($0, outcome: $0.mutates ? .skipped : nil) }
            } else if let refusal = EngineSupport.refusal(stackPlan, host: host.name, api: api) {
                report.outcome = .failed
                report.error = "\(refusal); nothing in this stack was touched"
                report.actions = stackPlan.actions.map { ActionReport($0, outcome: $0.mutates ? .skipped : nil) }
            } else {
                report = await applier.apply(stackPlan)
            }
            reports.append(report)
        }
        if plan.stacks.contains(where: \.hasChanges) {
            await pruneFileVolumes(client)
            await forgetReplacedAdoptions(client)
        }
        return (reports, foreign)
    }

    /// Settles this repository's leftover `.prev`/`.next` containers (from a rollout no open operation
    /// accounts for) before planning; says whether there were any. One that cannot be settled stays in the
    /// plan as a `cleanup`, which tries again and fails its stack with the reason.
    func settleLeftovers(_ observation: HostObservation, client: DockerClient) async -> Bool {
        let leftovers = observation.managed.filter(\.isTransient)
        for leftover in leftovers {
            let health = leftover.stack.flatMap(repository.stack(named:))?.health ?? HealthPolicy()
            do {
                let result = try await Settlement(client: client, health: health)
                    .settleLeftover(leftover, among: observation.containers)
                logger.notice("settled a leftover container", metadata: [
                    "container.name": .string(leftover.name),
                    "outcome": .string(result?.description ?? "settled: \(leftover.name) is not a leftover")])
            } catch {
                logger.warning("could not settle a leftover container", metadata: [
                    "container.name": .string(leftover.name), "error": "\(error)"])
            }
        }
        return !leftovers.isEmpty
    }

    /// The deploy window decision that holds this stack's changes back now, if any.
    func windowHold(_ plan: StackPlan) -> WindowDecision? {
        guard !ignoreWindows else { return nil }
        let stackWindows = plan.spec?.windows ?? []
        do {
            let evaluator = try WindowEvaluator(hostWindows: host.windows, stackWindows: stackWindows,
                                                hostTimeZone: host.timezone)
            guard evaluator.hasWindows else { return nil }
            let decision = evaluator.decision(at: settings.now())
            return decision.open ? nil : decision
        } catch {
            // An unusable window holds changes back rather than letting them through.
            return WindowDecision(open: false, reason: "\(error)", nextOpen: nil, closesAt: nil, window: nil,
                                  timeZone: host.timezone ?? "UTC", pending: "pending: the deploy window cannot be evaluated")
        }
    }

    /// Observes the host and gathers what the planner needs from history.
    func planInput(_ client: DockerClient) async throws -> PlanInput {
        let stacks = self.stacks
        let adoptions = try await store.adoptions(host: host.name)
        let observation = Self.overlay(try await HostObserver(client: client, owner: context.owner)
            .observe(images: Set(stacks.flatMap { $0.services.map(\.image) })), adoptions: adoptions)
        // One store call each for the whole host: a call per container or service was hundreds of actor hops.
        let known = try await store.serviceConfigs(hashes: Set(observation.managed.compactMap(\.hash)))
        let held = Dictionary(try await store.heldBack(host: host.name).map { ("\($0.stack)/\($0.service)", $0.hash) },
                              uniquingKeysWith: { a, _ in a })
        let files = try await repoFiles()
        let takeovers = try await takeoverChecks(client, observation: observation, claims: adoptions, repoFiles: files)
        return PlanInput(host: host.name, stacks: stacks, repoStackNames: Set(repository.stacks.map(\.name)),
                         removalScope: settings.stackFilter.isEmpty ? nil : settings.stackFilter,
                         observation: observation, knownConfigs: KnownConfigs(encoded: known), repoFiles: files, heldBack: held, adopt: adopt,
                         takeovers: takeovers, allowMassRemoval: allowMassRemoval, redactor: context.redactor,
                         heldStacks: repository.heldStackErrors)
    }

    /// Pulls the references a registry said moved, if this host's stacks use them. A failed pull
    /// leaves the current image in place (the pass then simply sees no change for it).
    func refreshImages(_ client: DockerClient) async throws {
        let used = Set(stacks.flatMap { stack in
            stack.services.filter { stack.updatePolicy(for: $0.name).mode == .digest }.map(\.image)
        })
        let logins = Result { () throws(RegistryError) in try PullCredentials.load(for: host, environment: settings.environment) }
        for reference in refresh.intersection(used).sorted() {
            defer { settings.pullProgress?(host.name, reference, "") }
            do {
                let auth = try logins.get().registryAuth(for: reference)
                try await client.pullImage(reference, registryAuth: auth, progress: progress(reference))
            } catch let error as DockerError {
                if case .unreachable = error.kind { throw error }
                logger.warning("refresh pull failed", metadata: ["image": .string(reference), "error": "\(error)"])
            } catch {
                logger.warning("refresh pull failed", metadata: ["image": .string(reference), "error": "\(error)"])
            }
        }
    }

    /// Forwards Docker's pull progress for `reference` to whoever watches (a terminal), if anyone does;
    /// an empty status after each pull says the line may be cleared.
    func progress(_ reference: String) -> (@Sendable (PullProgress) -> Void)? {
        guard let watch = settings.pullProgress else { return nil }
        let host = host.name
        return { item in
            let text = [item.id, item.status, item.progress].compactMap { $0 }.joined(separator: " ")
            if !text.isEmpty { watch(host, reference, text) }
        }
    }

    /// Pulls every missing image before anything is stopped; returns the references that failed.
    func pull(_ plan: HostPlan, client: DockerClient, into input: inout PlanInput) async -> [String: String] {
        var failed: [String: String] = [:]
        let references = plan.stacks.flatMap { $0.actions.filter { $0.kind == .pull }.map(\.subject) }
        let logins = Result { () throws(RegistryError) in try PullCredentials.load(for: host, environment: settings.environment) }
        for reference in Set(references).sorted() {
            defer { settings.pullProgress?(host.name, reference, "") }
            do {
                let auth = try logins.get().registryAuth(for: reference)
                let platform = stacks.lazy.flatMap(\.services).first { $0.image == reference && $0.platform != nil }?.platform
                try await client.pullImage(reference, registryAuth: auth, platform: platform, progress: progress(reference))
                input.observation.imageIDs[reference] = try await client.inspectImage(reference).id
            } catch let error as DockerError where error.host == host.name {
                // The stack's line names the host and the image already: the engine's answer is what is left.
                failed[reference] = error.isUnreachable ? error.request : error.cause
            } catch {
                failed[reference] = "\(error)"
            }
        }
        return failed
    }
}

/// Holds the counting wrapper around a host's transport so the report can say how many requests a pass sent.
final class Counter: @unchecked Sendable {
    /// Set once, before any request, by the transport factory.
    private(set) var transport: CountingTransport?

    func wrap(_ base: any HTTPTransport) -> any HTTPTransport {
        let counting = (base as? CountingTransport) ?? CountingTransport(base)
        transport = counting
        return counting
    }
}

extension StackReport {
    /// Marks the stack as waiting for a deploy window; nothing in it is applied.
    mutating func hold(_ decision: WindowDecision) {
        outcome = .pending
        pendingUntil = decision.nextOpen
        windowReason = decision.pending.map { "\($0): \(decision.reason)" } ?? decision.reason
    }

    init(planned plan: StackPlan) {
        let outcome: Outcome = plan.held != nil ? .held : plan.isBlocked ? .blocked : (plan.hasChanges ? .planned : .inSync)
        self.init(stack: plan.stack, outcome: outcome, revision: nil,
                  actions: plan.actions.map { ActionReport($0, outcome: nil) }, error: plan.held)
        let folders = (plan.spec?.hostDataMounts ?? []).map { "\($0.mount.source ?? $0.data.path) (\($0.service):\($0.mount.target))" }
        hostData = folders.isEmpty ? nil : folders
    }
}

