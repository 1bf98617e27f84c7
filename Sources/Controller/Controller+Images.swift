import Docker
import FoundationEssentials
import Planner
import Registry
import Spec

/// `reconcile images`: every image the repo follows, what each host runs, and what the registry last said.
public struct ImagesOverview: Sendable, TextRenderable, Encodable {
    /// What one host runs for one reference.
    public struct Running: Sendable, Codable, Hashable {
        public var host: String
        /// Registry digests of the image the containers run (`RepoDigests`), or its ID when it has none.
        public var digests: [String]
        public var imageID: String
    }

    public var watched: ImagesReport
    /// Reference as written → hosts running it.
    public var running: [String: [Running]]
    /// Hosts that could not be asked.
    public var unreachable: [String: String]

    public func renderText() -> String {
        var out = watched.text
        for (reference, hosts) in running.sorted(by: { $0.key < $1.key }) {
            out += "\(reference) runs on:\n"
            let newest = watched.images.first { $0.usedAs.contains(reference) }?.digest
            for r in hosts.sorted(by: { $0.host < $1.host }) {
                let digest = r.digests.first.map { $0.split(separator: "@").last.map(String.init) ?? $0 } ?? r.imageID
                let state = newest.map { newest in r.digests.contains { $0.hasSuffix("@" + newest) } ? "newest" : "behind" }
                    ?? "not checked yet"
                out += "  \(r.host): \(digest) (\(state))\n"
            }
        }
        for (host, error) in unreachable.sorted(by: { $0.key < $1.key }) { out += "\(host): unreachable: \(error)\n" }
        return out
    }

    private enum CodingKeys: String, CodingKey { case images, running, unreachable }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(watched.images.map { image in
            ["reference": image.reference, "digest": image.digest ?? "", "source": image.source ?? "",
             "checkedAt": image.checkedAt?.formatted(.iso8601) ?? "",
             "nextCheckAt": image.nextCheckAt?.formatted(.iso8601) ?? "",
             "failures": String(image.failures), "lastError": image.lastError ?? ""]
        }, forKey: .images)
        try c.encode(running, forKey: .running)
        try c.encode(unreachable, forKey: .unreachable)
    }
}

extension Controller {
    /// The registry watcher's view (from the state database; no registry is asked) joined with what hosts run.
    public func images() async throws -> ImagesOverview {
        guard let repository = load().repository else {
            throw ApplyError.repositoryHasErrors
        }
        let store = try openStore()
        let watcher = try await RegistryWatcher(store: store, client: RegistryClient(logger: logger), logger: logger,
                                                clock: settings.now)
        let followed = repository.stacks.filter { settings.stackFilter.isEmpty || settings.stackFilter.contains($0.name) }
        await watcher.watch(WatchedImage.list(for: followed))
        let report = await watcher.report(now: settings.now())
        var running: [String: [ImagesOverview.Running]] = [:]
        var unreachable: [String: String] = [:]
        for host in selectedHosts(repository) {
            do {
                let client = try HostConnection.open(host, settings: settings, logger: logger,
                                                     makeTransport: makeTransport).client
                let containers = try await client.listContainers(all: true)
                    .filter { $0.labels[ManagedLabels.stack] != nil && $0.labels[ManagedLabels.instance, default: "default"] == settings.instance }
                let images = try await client.listImages()
                for c in containers {
                    let image = images.first { $0.id == c.imageID }
                    let entry = ImagesOverview.Running(host: host.name, digests: image?.repoDigests ?? [], imageID: c.imageID)
                    if !(running[c.image]?.contains(entry) ?? false) { running[c.image, default: []].append(entry) }
                }
            } catch {
                unreachable[host.name] = "\(error)"
            }
        }
        return ImagesOverview(watched: report, running: running, unreachable: unreachable)
    }
}
