import Docker
import FoundationEssentials
import Planner
import Spec

/// Fills a seeded host-data folder (`x-reconcile.data`) from the repository the first time, and never again:
/// once the folder exists on the host it belongs to the app, whatever the repository says later.
///
/// Works through the Engine API alone, like `FileShipper`: a helper container, created and never started from the
/// service's own image, binds the folder's parent; `HEAD …/archive` tells whether the folder is there, and
/// `PUT …/archive` unpacks the repository content when it is not. An interrupted first fill leaves what was
/// written; delete the folder on the host to seed it again.
struct DataSeeder {
    let client: DockerClient
    let instance: String

    /// Where the helper container sees the parent of the seeded folder.
    static let helperPath = "/reconcile-data"

    /// Seeds every host-data mount of the service that has repository content and is not on the host yet;
    /// returns the host paths it filled.
    @discardableResult
    func seed(_ desired: DesiredContainer) async throws -> [String] {
        var seeded: [String] = []
        for mount in desired.service.volumes {
            guard let data = mount.hostData, data.seed != nil, let hostPath = mount.source, hostPath.hasPrefix("/") else { continue }
            let inStack = data.path.split(separator: "/").dropFirst().joined(separator: "/")
            let content = try RepoContent.read(desired.stack.directory + "/" + inStack)
            if try await seed(hostPath, with: content, desired: desired) { seeded.append(hostPath) }
        }
        return seeded
    }

    /// True when the folder was missing and has been filled.
    private func seed(_ hostPath: String, with content: RepoContent, desired: DesiredContainer) async throws -> Bool {
        let parts = hostPath.split(separator: "/")
        guard let name = parts.last.map(String.init) else { return false }
        let parent = "/" + parts.dropLast().joined(separator: "/")
        let helperName = "\(desired.name)-seed"
        try await removeLeftovers(of: hostPath)
        var host = HostConfig()
        host.networkMode = "none"
        host.binds = ["\(parent):\(Self.helperPath)"]
        let config = ContainerConfig(image: desired.service.image, cmd: ["reconcile-data-seed"], entrypoint: [],
                                     labels: [RepoFileLabels.seedHelper: hostPath, ManagedLabels.instance: instance])
        let helper = try await client.createContainer(name: helperName, ContainerCreateRequest(config: config, hostConfig: host))
        do {
            let present = try await client.pathExists(helper, path: "\(Self.helperPath)/\(name)")
            if !present {
                try await client.putArchive(helper, path: Self.helperPath, tar: TarArchive(Self.entries(content, named: name)).bytes)
            }
            try await client.removeContainer(helper, force: true)
            return !present
        } catch {
            // The helper holds nothing; the error that matters is the one thrown.
            try? await client.removeContainer(helper, force: true)
            throw error
        }
    }

    /// A helper left by a killed run would block the name; it never holds data of its own.
    private func removeLeftovers(of hostPath: String) async throws {
        for helper in try await client.listContainers(all: true, filters: .label(RepoFileLabels.seedHelper, hostPath)) {
            try await client.removeContainer(helper.id, force: true)
        }
    }

    /// The content under its folder's name on the host (a single seeded file keeps the mount's name).
    static func entries(_ content: RepoContent, named name: String) -> [RepoContent.Entry] {
        guard content.isDirectory else {
            return content.entries.map { RepoContent.Entry(path: name, mode: $0.mode, kind: $0.kind) }
        }
        let root = RepoContent.Entry(path: name, mode: 0o755, kind: .directory)
        return [root] + content.entries.map { RepoContent.Entry(path: name + "/" + $0.path, mode: $0.mode, kind: $0.kind) }
    }
}
