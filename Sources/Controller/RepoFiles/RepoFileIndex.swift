import Spec

/// The plan's view of repo content: repo-relative path → fingerprint of every file the given stacks mount.
///
/// This is what makes a config file edit in git change `reconcile.hash` of exactly the services mounting it.
enum RepoFileIndex {
    static func fingerprints(of stacks: [StackSpec]) -> [String: String] {
        var result: [String: String] = [:]
        var seen = Set<String>()
        for stack in stacks {
            for service in stack.services {
                for mount in service.volumes {
                    guard let relative = mount.repoRelativeSource, let source = mount.source,
                          seen.insert(relative).inserted else { continue }
                    // Unreadable content cannot be fingerprinted; shipping it fails later with the reason.
                    guard let content = try? RepoContent.read(source) else { continue }
                    for entry in content.entries {
                        if case .directory = entry.kind { continue }
                        let path = content.isDirectory ? (relative == "." ? entry.path : relative + "/" + entry.path) : relative
                        result[path] = entry.fingerprint
                    }
                }
            }
        }
        return result
    }
}
