import Docker
import Logging
import Planner
import Spec
import Store

/// Before planning: unmanaged containers that have a service's name, compared with it (read-only inspects).
extension HostPass {
    /// Puts the ownership labels recorded for taken-over containers back on them, so every rule that reads
    /// labels (`Owner`, pruning, `RemovalGuard`, rollback) treats them as this repository's.
    static func overlay(_ observation: HostObservation, adoptions: [AdoptedContainer]) -> HostObservation {
        let taken = Dictionary(adoptions.filter(\.isTakenOver).map { ($0.containerID, $0) }, uniquingKeysWith: { a, _ in a })
        guard !taken.isEmpty else { return observation }
        var observation = observation
        observation.containers = observation.containers.map { container in
            guard let adopted = taken[container.id], container.labels[ManagedLabels.stack] == nil else { return container }
            var container = container
            container.labels[ManagedLabels.stack] = adopted.stack
            container.labels[ManagedLabels.service] = adopted.service
            container.labels[ManagedLabels.hash] = adopted.hash
            if let instance = adopted.instance { container.labels[ManagedLabels.instance] = instance }
            if let repository = adopted.repository { container.labels[ManagedLabels.repository] = repository }
            return container
        }
        return observation
    }

    /// A `TakeoverCheck` for each service whose container name an unmanaged container has, by name.
    func takeoverChecks(_ client: DockerClient, observation: HostObservation, claims: [AdoptedContainer],
                        repoFiles: [String: String]) async throws -> [String: TakeoverCheck] {
        let byName = Dictionary(observation.containers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let claimed = Set(claims.filter { !$0.isTakenOver }.map(\.containerID))
        var checks: [String: TakeoverCheck] = [:]
        var api: APIVersion?
        for stack in stacks {
            for service in stack.services {
                let name = DesiredContainer.containerName(stack: stack, service: service)
                guard let live = byName[name], !live.isManaged else { continue }
                let imageID = observation.imageIDs[service.image]
                let desired = DesiredContainer(stack: stack, service: service, imageID: imageID, repoFiles: repoFiles)
                let agreed: APIVersion
                if let api { agreed = api } else { agreed = try await client.agreedVersion(); api = agreed }
                let request = ContainerRecipe.request(for: desired, commit: nil, owner: context.owner, api: agreed)
                let image = try await client.inspectImageDocument(imageID ?? live.imageID)
                let expected = try ExpectedInspect.document(request: request, desired: desired, image: image)
                let inspect = try await client.inspectContainerDocument(live.id)
                let differences = TakeoverComparison.differences(live: inspect, expected: expected, desired: desired,
                                                                 desiredImageID: imageID)
                checks[name] = TakeoverCheck(containerID: live.id, differences: differences, claimed: claimed.contains(live.id))
            }
        }
        return checks
    }

    /// Drops the records of taken-over containers that are gone (replaced by containers with their own labels).
    /// A failure only leaves a record of an ID no container has any more: logged, never fatal.
    func forgetReplacedAdoptions(_ client: DockerClient) async {
        do {
            let live = Set(try await client.listContainers(all: true).map(\.id))
            try await store.forgetAdoptions(host: host.name, keeping: live)
        } catch {
            logger.warning("could not forget replaced adopted containers", metadata: ["host.name": .string(host.name),
                                                                                      "error": "\(error)"])
        }
    }
}
