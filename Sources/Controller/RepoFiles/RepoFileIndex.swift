import Spec

extension VolumeMount {
    /// The checkout a repo-content mount's absolute source lies in (its source minus the repo-relative path).
    var repositoryRoot: String? {
        guard let source, let relative = repoRelativeSource else { return nil }
        if relative == "." { return source }
        guard source.hasSuffix("/" + relative) else { return nil }
        return String(source.dropLast(relative.count + 1))
    }
}

/// The plan's view of repo content: repo-relative path → fingerprint of every file the given stacks mount.
///
/// This is what makes a config file edit in git change `reconcile.hash` of exactly the services mounting it.
enum RepoFileIndex {
    static func fingerprints(of stacks: [StackSpec], cache: FileHashCache = .shared) -> [String: String] {
        var result: [String: String] = [:]
        var seen = Set<String>()
        for stack in stacks {
            for service in stack.services {
                for mount in service.volumes {
                    guard let relative = mount.repoRelativeSource, let source = mount.source,
                          seen.insert(relative).inserted else { continue }
                    // Unreadable content cannot be fingerprinted; shipping it fails later with the reason.
                    guard let (isDirectory, files) = try? RepoContent.fingerprints(
                        source, root: mount.repositoryRoot, cache: cache) else { continue }
                    for (entry, fingerprint) in files {
                        let path = isDirectory ? (relative == "." ? entry : relative + "/" + entry) : relative
                        result[path] = fingerprint
                    }
                }
            }
        }
        return result
    }
}
