import Docker
import FoundationEssentials
import Planner
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
    let instance: String
    /// Create containers from the exact image ID instead of the reference: a rollback must get the
    /// image it recorded even when the tag has moved since.
    var pinImage = false

    func create(_ desired: DesiredContainer) async throws -> Result {
        let name = desired.name
        let payload = RecreatePayload(name: name, oldID: nil, newHash: desired.hash ?? "")
        let journal = try await Journal.begin(store, intent("create", desired, payload), environment: environment)
        try await journal.step("create-new", name)
        let id = try await createContainer(desired, name: name)
        let verdict: HealthGate.Verdict
        do {
            try await journal.step("start-new", id)
            let started = Date()
            try await client.startContainer(id)
            try await journal.step("health", id)
            verdict = try await gate(desired).wait(for: id, startedAt: started)
        } catch {
            // A container that could not start is not left behind half-made.
            try? await client.removeContainer(id, force: true)
            try? await journal.finish("reverted")
            throw error
        }
        guard case .unhealthy(let reason, let log) = verdict else {
            try await journal.finish("done")
            return .done
        }
        // Nothing ran before: "rolling back" a new service means not leaving a failing one behind.
        try await journal.step("remove-new", id)
        try await client.removeContainer(id, force: true)
        try await journal.finish("rolled_back")
        return .rolledBack(reason: reason, log: log)
    }

    func recreate(_ desired: DesiredContainer, replacing old: LiveContainer) async throws -> Result {
        let name = desired.name
        let payload = RecreatePayload(name: name, oldID: old.id, newHash: desired.hash ?? "")
        let journal = try await Journal.begin(store, intent("recreate", desired, payload), environment: environment)
        try await journal.step("create-new", payload.tempName)
        let newID = try await createContainer(desired, name: payload.tempName)
        let verdict: HealthGate.Verdict
        do {
            try await journal.step("stop-old", old.id)
            try await client.stopContainer(old.id, timeout: stopTimeout(desired.service))
            try await journal.step("rename-old", payload.prevName)
            try await client.renameContainer(old.id, to: payload.prevName)
            try await journal.step("rename-new", name)
            try await client.renameContainer(newID, to: name)
            try await journal.step("start-new", newID)
            let started = Date()
            try await client.startContainer(newID)
            try await journal.step("health", newID)
            verdict = try await gate(desired).wait(for: newID, startedAt: started)
        } catch {
            // An engine error mid-way (a port taken, a rename refused): put the old container back now.
            try? await restore(old, name: name, removing: newID, journal: journal)
            try? await journal.finish("reverted")
            throw error
        }
        switch verdict {
        case .healthy:
            try await journal.step("remove-old", old.id)
            try await client.removeContainer(old.id, force: true)
            try await journal.finish("done")
            return .done
        case .unhealthy(let reason, let log):
            try await restore(old, name: name, removing: newID, journal: journal)
            try await journal.finish("rolled_back")
            return .rolledBack(reason: reason, log: log)
        }
    }

    /// Removes the new container and gives the old one back its name, started if it was running.
    func restore(_ old: LiveContainer, name: String, removing newID: String, journal: Journal) async throws {
        try await journal.step("rollback", newID)
        try await client.removeContainer(newID, force: true)
        try await client.renameContainer(old.id, to: name)
        if old.isRunning { try await client.startContainer(old.id) }
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
        // The planner never removes unmanaged containers; this is the last line of defence.
        guard container.isManaged else {
            throw ApplyError("refusing to remove \(container.name): it does not carry \(ManagedLabels.stack)")
        }
        let payload = RecreatePayload(name: container.name, oldID: container.id, newHash: "")
        let journal = try await Journal.begin(store, OperationIntent(host: host, stack: stack,
                                                                     service: container.service ?? container.name,
                                                                     kind: "remove", payload: payload.json()),
                                              environment: environment)
        try await journal.step("stop-old", container.id)
        if container.isRunning { try await client.stopContainer(container.id, timeout: 10) }
        try await journal.step("remove-old", container.id)
        try await client.removeContainer(container.id, force: true)
        try await journal.finish("done")
    }

    func createContainer(_ desired: DesiredContainer, name: String) async throws -> String {
        let files = try await FileShipper(client: client, instance: instance).ship(desired)
        try await DataSeeder(client: client, instance: instance).seed(desired)
        var request = ContainerRecipe.request(for: desired, commit: commit, instance: instance, files: files)
        if pinImage, let imageID = desired.imageID { request.config.image = imageID }
        if desired.service.networkModeService != nil, let mode = request.hostConfig?.networkMode, mode.hasPrefix("container:") {
            // As Compose: the ID of the container whose network is shared, as it is now.
            request.hostConfig?.networkMode = "container:" + (try await client.inspectContainer(String(mode.dropFirst(10)))).id
        }
        let id = try await client.createContainer(name: name, platform: desired.service.platform, request)
        for attachment in ContainerRecipe.attachments(desired).dropFirst() {
            try await client.connectNetwork(attachment.name, container: id, settings: attachment.settings)
        }
        return id
    }

    func gate(_ desired: DesiredContainer) -> HealthGate {
        HealthGate(client: client, minReady: desired.stack.health.minReady, timeout: desired.stack.health.timeout,
                   job: desired.stack.isJob(desired.service))
    }

    func stopTimeout(_ service: ServiceSpec) -> Int {
        service.stopGracePeriod.map { Int($0.components.seconds) } ?? 10
    }

    func intent(_ kind: String, _ desired: DesiredContainer, _ payload: RecreatePayload) -> OperationIntent {
        OperationIntent(host: host, stack: desired.stack.name, service: desired.service.name, kind: kind,
                        payload: payload.json())
    }
}
