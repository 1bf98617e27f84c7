import Docker
import FoundationEssentials
import Planner
import Sealed
import Spec
import Store

/// Carries out one service's action on one host, journaled step by step, behind the health gate.
///
/// Recreate follows the design: the new container is created (under `<name>.next`) while the old
/// one still serves; only then is the old one stopped and renamed `<name>.prev`, the new one takes
/// the name and starts, and the old one is removed once the new one passes — or restored if not.
struct ServiceRollout {
    enum Result: Sendable, Equatable {
        case done
        case rolledBack(reason: String, log: [String])
    }

    let client: DockerClient
    let store: Store
    let host: String
    let commit: String?
    let environment: [String: String]
    let owner: Owner
    /// Create containers from the exact image ID instead of the reference: a rollback must get the
    /// image it recorded even when the tag has moved since.
    var pinImage = false
    /// Sees each health gate wait (a terminal draws it).
    var gateProgress: GateProgress?
    /// Sees each journaled step as it is about to run.
    var stepObserver: PassStepObserver?

    func create(_ desired: DesiredContainer) async throws -> Result {
        let name = desired.name
        let payload = RecreatePayload(name: name, oldID: nil, newHash: desired.hash ?? "", oldWasRunning: false)
        let journal = try await Journal.begin(store, try intent(.create, desired, payload), environment: environment,
                                              observer: stepObserver)
        let verdict: HealthGate.Verdict
        do {
            try await journal.step(.createNew, name)
            let id = try await createContainer(desired, name: name)
            try await journal.step(.startNew, id)
            let started = Date()
            try await client.startContainer(id)
            try await noteDataWriter(desired)
            try await journal.step(.health, id)
            verdict = try await gate(desired).wait(for: id, startedAt: started)
        } catch {
            // A container that could not start is not left behind half-made.
            try await settle(payload, desired, journal: journal, mode: .revert, after: error)
            throw error
        }
        guard case .unhealthy(let reason, let log) = verdict else {
            try await journal.finish(.done)
            return .done
        }
        // Nothing ran before: "rolling back" a new service means not leaving a failing one behind.
        try await journal.step(.removeNew, name)
        try await settle(payload, desired, journal: journal, mode: .revert, outcome: .rolledBack)
        return .rolledBack(reason: reason, log: log)
    }

    /// `target`: for `rollback --with-data`, the snapshot whose data the new container starts on.
    func recreate(_ desired: DesiredContainer, replacing old: LiveContainer,
                  restoring target: SnapshotRecord? = nil) async throws -> Result {
        let name = desired.name
        var payload = RecreatePayload(name: name, oldID: old.id, newHash: desired.hash ?? "", oldWasRunning: old.isRunning)
        payload.snapshot = try await snapshotPlan(desired, old: old, restoring: target)
        let journal = try await Journal.begin(store, try intent(.recreate, desired, payload), environment: environment,
                                              observer: stepObserver)
        var verdict: HealthGate.Verdict?
        var newID = ""
        var reached = Set<OperationStep>()
        do {
            try await journal.step(.createNew, payload.tempName)
            newID = try await createContainer(desired, name: payload.tempName)
            try await journal.step(.stopOld, old.id)
            try await client.stopContainer(old.id, timeout: stopTimeout(desired.service))
            if let plan = payload.snapshot {
                try await snapshotStep(plan, desired, old: old, journal: journal)
                if plan.restoreFrom != nil { reached.insert(.restoreTarget) }
            }
            try await journal.step(.renameOld, payload.prevName)
            try await client.renameContainer(old.id, to: payload.prevName)
            try await journal.step(.renameNew, name)
            try await client.renameContainer(newID, to: name)
            try await journal.step(.startNew, newID)
            reached.insert(.startNew)
            let started = Date()
            try await client.startContainer(newID)
            try await noteDataWriter(desired)
            try await journal.step(.health, newID)
            verdict = try await gate(desired).wait(for: newID, startedAt: started)
            if case .unhealthy(let reason, let log) = verdict { throw GateFailed(reason: reason, log: log) }
            try await journal.step(.removeOld, old.id)
            try await client.removeContainer(old.id, force: true)
        } catch let failed as GateFailed {
            try await journal.step(.rollback, name)
            try await settle(payload, desired, journal: journal, mode: .revert, outcome: .rolledBack,
                             restoreData: restoreHook(payload, desired, oldHash: old.hash, journal: journal, reached: reached))
            return .rolledBack(reason: failed.reason + (try await manualNote(payload, desired)), log: failed.log)
        } catch {
            // An engine error mid-way (a port taken, a rename refused, a lost event stream): after a passed gate
            // the new container may stay; before it, the old one is put back (and its data, if it may have changed).
            let passed = verdict == .healthy
            try await settle(payload, desired, journal: journal, mode: passed ? .decide(knownHealthy: newID) : .revert,
                             after: error, restoreData: passed ? nil : restoreHook(payload, desired, oldHash: old.hash,
                                                                                  journal: journal, reached: reached))
            if passed { return .done }
            try await discardIncomplete(payload, desired, after: error)
            throw error
        }
        try await journal.finish(.done)
        return .done
    }

    /// Runs `Settlement` (a few tries, for a passing engine error) and closes the operation only when it
    /// succeeded; otherwise the operation stays open for the next pass and the error says what is left.
    func settle(_ payload: RecreatePayload, _ desired: DesiredContainer, journal: Journal, mode: Settlement.Mode,
                outcome: OperationOutcome? = nil, after cause: (any Error)? = nil,
                restoreData: Settlement.RestoreData? = nil) async throws {
        let settlement = Settlement(client: client, health: desired.stack.health, job: desired.stack.isJob(desired.service))
        var attempt = 1
        while true {
            do {
                let settled = try await settlement.settle(payload, kind: payload.oldID == nil ? .create : .recreate,
                                                          stack: desired.stack.name, mode: mode, restoreData: restoreData)
                try await journal.finish(outcome ?? .settled(settled))
                return
            } catch {
                guard attempt < 3 else {
                    throw RecoveryFailed(service: desired.service.name, host: host, cause: cause.map { "\($0)" },
                                         error: "\(error)")
                }
                try await Task.sleep(for: .milliseconds(500 * attempt))
                attempt += 1
            }
        }
    }

    /// A managed container stopped by hand: start it and check it comes up.
    func start(_ desired: DesiredContainer, _ container: LiveContainer) async throws -> Result {
        let started = Date()
        try await client.startContainer(container.id)
        if case .unhealthy(let reason, let log) = try await gate(desired).wait(for: container.id, startedAt: started) {
            return .rolledBack(reason: reason, log: log)
        }
        return .done
    }

    func remove(_ container: LiveContainer, stack: String) async throws {
        // The planner never removes containers it does not own; this is the last line of defence.
        guard owner.owns(labels: container.labels) else {
            throw ApplyError.notOurs(container: container.name)
        }
        let payload = RecreatePayload(name: container.name, oldID: container.id, newHash: "", oldWasRunning: container.isRunning)
        let journal = try await Journal.begin(store, OperationIntent(host: host, stack: stack,
                                                                     service: container.service ?? container.name,
                                                                     kind: .remove, payload: try payload.json()),
                                              environment: environment, observer: stepObserver)
        try await journal.step(.stopOld, container.id)
        // The container's own stop timeout (stop_grace_period), as it declared it when it was created.
        if container.isRunning {
            let declared = try await client.inspectContainer(container.id).config.stopTimeout
            try await client.stopContainer(container.id, timeout: declared ?? 10)
        }
        try await journal.step(.removeOld, container.id)
        try await client.removeContainer(container.id, force: true)
        try await journal.finish(.done)
    }

    func createContainer(_ desired: DesiredContainer, name: String) async throws -> String {
        let keys = environment[ControllerSettings.ageKeyVariable].map(AgeKeys.init(path:))
        let files = try await FileShipper(client: client, owner: owner, ageKeys: keys).ship(desired)
        try await DataSeeder(client: client, instance: owner.instance).seed(desired)
        let api = try await client.agreedVersion()
        var request = ContainerRecipe.request(for: desired, commit: commit, owner: owner, files: files, api: api)
        if pinImage, let imageID = desired.imageID { request.config.image = imageID }
        if desired.service.networkModeService != nil, let mode = request.hostConfig?.networkMode, mode.hasPrefix("container:") {
            // As Compose: the ID of the container whose network is shared, as it is now.
            request.hostConfig?.networkMode = "container:" + (try await client.inspectContainer(String(mode.dropFirst(10)))).id
        }
        let id = try await client.createContainer(name: name, platform: desired.service.platform, request)
        for attachment in ContainerRecipe.connectedAfterCreate(desired, api: api) {
            try await client.connectNetwork(attachment.name, container: id, settings: attachment.settings)
        }
        if let files = desired.service.injectedFiles, !files.isEmpty {
            // As Compose: `environment`/`content` secrets and configs are copied in before the first start.
            try await client.putArchive(id, path: "/", tar: TarArchive(injected: files).bytes)
        }
        return id
    }

    func gate(_ desired: DesiredContainer) -> HealthGate {
        var gate = HealthGate(client: client, minReady: desired.stack.health.minReady, timeout: desired.stack.health.timeout,
                              job: desired.stack.isJob(desired.service))
        if let gateProgress {
            let host = host, name = desired.name
            gate.progress = { wait, budget in gateProgress(host, name, wait, budget) }
        }
        return gate
    }

    func stopTimeout(_ service: ServiceSpec) -> Int {
        service.stopGracePeriod.map { Int($0.components.seconds) } ?? 10
    }

    func intent(_ kind: OperationKind, _ desired: DesiredContainer, _ payload: RecreatePayload) throws -> OperationIntent {
        OperationIntent(host: host, stack: desired.stack.name, service: desired.service.name, kind: kind,
                        payload: try payload.json())
    }
}

/// The health gate said no: the rollout turns into a rollback (not an error).
private struct GateFailed: Error {
    var reason: String
    var log: [String]
}

/// A rollout went wrong and putting the host back failed too: the service may be down until the next pass,
/// which recovers the operation (it stays open in the journal).
struct RecoveryFailed: Error, CustomStringConvertible {
    var service: String
    var host: String
    var cause: String?
    var error: String

    var description: String {
        (cause.map { "\($0); " } ?? "")
            + "restoring \(service) on \(host) failed too (\(error)); it may be down until the next pass, "
            + "which recovers the open operation first"
    }
}
