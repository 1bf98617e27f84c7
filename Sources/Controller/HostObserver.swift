import Docker
import Planner
import Spec

/// Reads what a host runs: one container list and one image list, no inspects.
struct HostObserver {
    let client: DockerClient
    let owner: Owner

    func observe(images references: Set<String>) async throws -> HostObservation {
        let containers = try await client.listContainers(all: true)
        let images = references.isEmpty ? [] : try await client.listImages()
        var ids: [String: String] = [:]
        for reference in references {
            // The loader has validated every reference; one it could not parse simply finds no image (→ pull).
            guard let parsed = try? ImageReference.parse(reference) else { continue }
            if let image = images.first(where: { parsed.matches(repoTags: $0.repoTags, repoDigests: $0.repoDigests) }) {
                ids[reference] = image.id
            }
        }
        return HostObservation(host: client.host, containers: containers.map(Self.live), imageIDs: ids,
                               instance: owner.instance, repository: owner.repository, declaredStacks: owner.declaredStacks)
    }

    static func live(_ c: ContainerSummary) -> LiveContainer {
        LiveContainer(id: c.id, name: c.name, state: c.state, imageID: c.imageID, labels: c.labels, exitCode: c.exitCode)
    }
}
