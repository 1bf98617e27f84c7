import Basics
import Docker
import Logging
import Planner
import Spec

extension HostPass {
    /// Repo file fingerprints for the plan: only what this host's stacks mount (read off the cooperative pool;
    /// unchanged files come from the hash cache).
    /// A failure is the pass's: planning without the fingerprints would take every mount for changed.
    func repoFiles() async throws -> [String: String] {
        let stacks = stacks
        return try await BlockingWork.run { RepoFileIndex.fingerprints(of: stacks) }
    }

    /// After a pass that changed something: drop shipped content nothing here uses any more.
    /// A failure is logged, never fatal: a leftover volume costs disk, not correctness.
    func pruneFileVolumes(_ client: DockerClient) async {
        let placed = Dictionary(stacks.map { ($0.name, Set($0.services.map(\.name))) }, uniquingKeysWith: { a, _ in a })
        do {
            try await FileVolumePruner(client: client, owner: context.owner, logger: logger)
                .prune(placed: placed, scope: settings.stackFilter.isEmpty ? nil : settings.stackFilter,
                       held: Set(repository.heldStacks.keys))
        } catch {
            logger.warning("could not prune shipped-files volumes", metadata: ["host.name": .string(host.name),
                                                                                "error": "\(error)"])
        }
    }
}
