import Docker
import FoundationEssentials
import Logging
import Planner
import Spec
import Store

/// Rolls one stack on one host back to an earlier revision, through the same journaled,
/// health-gated rollout as a pass, pinned to the image IDs recorded then.
struct RollbackRun {
    let host: HostSpec
    let stack: StackSpec
    let repository: Repository
    let store: Store
    let context: PassContext
    let client: DockerClient
    /// `--with-data`: snapshotted services get their data back as the target revision left it.
    var withData = false

    func run(to requested: Int64?) async -> RollbackReport.HostResult {
        var result = RollbackReport.HostResult(host: host.name, stack: stack.name, target: requested, revision: nil,
                                               outcome: .failed, actions: [], heldBack: [:], healthLog: [], error: nil)
        do {
            let revision = try await chooseRevision(requested)
            result.target = revision.id
            let observation = HostPass.overlay(try await HostObserver(client: client, owner: context.owner)
                .observe(images: Set(stack.services.map(\.image))), adoptions: try await store.adoptions(host: host.name))
            let now = Planner.plan(PlanInput(host: host.name, stacks: [stack], repoStackNames: Set(repository.stacks.map(\.name)),
                                             removalScope: [stack.name], observation: observation,
                                             // The repo's files now, so a revision whose mounted files are unchanged can be restored.
                                             repoFiles: RepoFileIndex.fingerprints(of: [stack]),
                                             redactor: context.redactor))
            let current = Dictionary(now.stacks.first { $0.stack == stack.name }?.actions.compactMap(\.desired)
                .map { ($0.service.name, $0) } ?? [], uniquingKeysWith: { a, _ in a })
            let target = try await RollbackTarget.load(revision, stack: stack, current: current, store: store,
                                                       redactor: context.redactor)
            for desired in target.containers { try await checkImage(desired, revision: revision.id) }
            try await apply(target, observation: observation, current: current, into: &result)
        } catch {
            result.error = "\(error)"
        }
        return result
    }

    /// `--to`, checked; else the applied revision before the newest applied one.
    func chooseRevision(_ requested: Int64?) async throws -> RevisionRecord {
        guard let requested else {
            let applied = try await store.revisions(host: host.name, stack: stack.name, limit: 1000)
                .filter { $0.outcome == .applied }
            guard applied.count >= 2 else { throw RollbackError.noEarlierRevision(host: host.name, stack: stack.name) }
            return applied[1]
        }
        guard let record = try await store.revision(id: requested) else { throw RollbackError.noSuchRevision(requested) }
        guard record.host == host.name, record.stack == stack.name else {
            throw RollbackError.revisionMismatch(revision: requested, host: record.host, stack: record.stack,
                                                 wantedHost: host.name, wantedStack: stack.name)
        }
        guard record.outcome == .applied else {
            throw RollbackError.notApplied(revision: requested, outcome: record.outcome)
        }
        return record
    }

    /// The recorded image must still be on the host: reconcile never removes images, but people do.
    func checkImage(_ desired: DesiredContainer, revision: Int64) async throws {
        guard let imageID = desired.imageID else { return }
        do {
            _ = try await client.inspectImage(imageID)
        } catch let error as DockerError where error.isNotFound {
            throw RollbackError.imageGone(revision: revision, service: desired.service.name, image: imageID,
                                          host: host.name, reference: desired.service.image)
        }
    }

    func apply(_ target: RollbackTarget, observation: HostObservation, current: [String: DesiredContainer],
               into result: inout RollbackReport.HostResult) async throws {
        let started = Date()
        let byName = Dictionary(observation.containers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var rollout = ServiceRollout(client: client, store: store, host: host.name, commit: target.revision.commit,
                                     environment: context.environment, owner: context.owner, pinImage: true)
        rollout.stepObserver = context.stepObserver
        let why = "rollback to revision \(target.revision.id)"
        var actions: [PlannedAction] = []
        result.outcome = .applied
        try await StackResources(client: client, owner: context.owner)
            .ensure(stack, for: target.containers.map(\.service))
        for desired in target.containers where byName[desired.name].map(observation.owns) == false {
            throw ApplyError.nameTakenByUnmanaged(name: desired.name)
        }
        let snapshots = try await targetSnapshots(target, byName: byName)
        for desired in target.containers {
            let live = byName[desired.name]
            let finishedJob = stack.isJob(desired.service) && live?.exitedCleanly == true
            let current = live?.hash == desired.hash && (live?.isRunning == true || finishedJob)
                && snapshots[desired.service.name] == nil
            let kind: PlannedAction.Kind = live == nil ? .create : (current ? .keep : .recreate)
            let action = PlannedAction(kind: kind, stack: stack.name, subject: desired.service.name,
                                       containerName: desired.name, existing: live, desired: desired,
                                       reasons: kind == .keep ? [] : ["\(why): image \(desired.imageID ?? "?")"])
            actions.append(action)
            if result.outcome != .applied {
                result.actions.append(ActionReport(action, outcome: action.mutates ? .skipped : nil))
                continue
            }
            var entry = ActionReport(action, outcome: action.mutates ? .done : nil)
            do {
                let outcome: ServiceRollout.Result = switch kind {
                case .create: try await rollout.create(desired)
                case .recreate: try await rollout.recreate(desired, replacing: try require(live),
                                                           restoring: snapshots[desired.service.name])
                default: .done
                }
                if case .rolledBack(let rawReason, let log) = outcome {
                    let reason = redact(rawReason)
                    entry.outcome = .rolledBack
                    entry.error = reason
                    result.outcome = .rolledBack
                    result.error = "\(desired.service.name): \(reason)"
                    result.healthLog += log.map(redact)
                }
            } catch {
                entry.outcome = .failed
                entry.error = redact("\(error)")
                result.outcome = .failed
                result.error = "\(desired.service.name): \(redact("\(error)"))"
            }
            result.actions.append(entry)
        }
        if result.outcome == .applied { try await holdBack(target, current: current, into: &result) }
        let revision = try await record(target, actions: actions, result: result, started: started)
        result.revision = revision
        if let policy = stack.snapshots {
            try await DataSnapshots(client: client, store: store, host: host.name, owner: context.owner)
                .retire(stack, policy: policy, revision: revision)
        }
    }

    /// Holds back the repo's current config of every restored service so the next pass keeps the rollback.
    func holdBack(_ target: RollbackTarget, current: [String: DesiredContainer],
                  into result: inout RollbackReport.HostResult) async throws {
        for desired in target.containers {
            let name = desired.service.name
            guard let hash = current[name]?.hash, hash != desired.hash else {
                // Back on what the repo wants: an older hold (from an earlier rollback) no longer applies.
                try await store.clearHeldBack(host: host.name, stack: stack.name, service: name)
                continue
            }
            try await store.holdBack(host: host.name, stack: stack.name, service: name, hash: hash,
                                     reason: "rolled back by hand to revision \(target.revision.id)")
            result.heldBack[name] = hash
        }
    }

    func record(_ target: RollbackTarget, actions: [PlannedAction], result: RollbackReport.HostResult,
                started: Date) async throws -> Int64 {
        let outcome: RevisionOutcome = switch result.outcome {
        case .applied, .inSync: .applied
        case .rolledBack: .rolledBack
        default: .failed
        }
        let digests = Dictionary(target.containers.compactMap { d in d.imageID.map { (d.service.name, $0) } },
                                 uniquingKeysWith: { a, _ in a })
        return try await store.insertRevision(NewRevision(
            host: host.name, stack: stack.name, commit: target.revision.commit, trigger: .rollback,
            startedAt: started, finishedAt: Date(), outcome: outcome,
            spec: RecordedSpec.json(StackPlan(stack: stack.name, spec: stack, actions: actions),
                                    redactor: context.redactor), digests: digests,
            actions: result.actions.map(ActionRecord.init),
            error: result.error, healthLog: result.healthLog, triggers: [TriggerKind.rollback.rawValue]))
    }

    func require(_ live: LiveContainer?) throws -> LiveContainer {
        guard let live else { throw ApplyError.missingContainer(.recreate) }
        return live
    }
}

extension RollbackRun {
    /// What an engine or a probe said, with the stack's secrets replaced by fingerprints.
    func redact(_ text: String) -> String {
        context.redactor.redact(text: text, secrets: stack.secrets)
    }
}
