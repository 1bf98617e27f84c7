import Basics
import FoundationEssentials
import YAML

/// `x-reconcile.data`: repository folders (or files) the app must own and write, so they are host data
/// filled from the repository the first time and never overwritten afterwards.
extension StackDecoder {
    /// The stack-relative paths of the entries; an entry outside the stack folder, or not in the repository, is an error.
    func seededData(_ entries: [(path: String, mark: SourceLocation)]) -> Set<String> {
        var paths = Set<String>()
        for entry in entries {
            let resolved = context.absolutePath(entry.path)
            guard !entry.path.hasPrefix("/"), !entry.path.hasPrefix("~"),
                  let inStack = context.stackRelative(resolved), inStack != "." else {
                sink.error(entry.mark, "`x-reconcile.data` entry `\(entry.path)` is not inside the stack folder; "
                               + "list paths relative to the compose file, like `./config`")
                continue
            }
            guard FileManager.default.fileExists(atPath: resolved) else {
                sink.error(entry.mark, "`x-reconcile.data` entry `\(entry.path)` is not in the repository; a missing "
                               + "folder is host data anyway, so remove the entry, or add the folder with its first content")
                continue
            }
            paths.insert(inStack)
        }
        return paths
    }

    /// An entry no service mounts does nothing; say so, as it is most likely a typo.
    func warnUnusedSeeds(_ entries: [(path: String, mark: SourceLocation)], context: StackContext, services: [ServiceSpec]) {
        let mounted = services.flatMap(\.volumes).compactMap(\.hostData?.seed)
        for entry in entries {
            guard let relative = context.repositoryRelative(context.absolutePath(entry.path)),
                  FileManager.default.fileExists(atPath: context.absolutePath(entry.path)) else { continue }
            if !mounted.contains(where: { $0 == relative || $0.hasPrefix(relative + "/") }) {
                sink.warning(entry.mark, "`x-reconcile.data` entry `\(entry.path)` is not mounted by any service; "
                                 + "mount it (e.g. `\(entry.path):/config`) or remove the entry")
            }
        }
    }
}
