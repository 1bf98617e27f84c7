import Basics
import FoundationEssentials
import YAML

/// What a relative bind source is: repository content (shipped) or host data (a folder on the host).
enum BindSource {
    /// In the repository: shipped to the host, content-hashed; the repository-relative path.
    case repoContent(String)
    /// The app's own data under the host's `data:` root, created when missing, never shipped.
    case hostData(HostData)
}

extension ServiceDecoder {
    /// Classifies a relative bind source like Compose would treat the folder, but placed for reconcile:
    /// in the repository → content; missing (Compose would create it beside the file) → host data;
    /// listed in `x-reconcile.data` → host data seeded from the repository. Nil after an error.
    func bindSource(_ written: String, resolved: String, at item: YAMLNode) -> BindSource? {
        let mark = Self.volumeSourceNode(item)?.mark ?? item.mark
        let inStack = context.stackRelative(resolved)
        let exists = FileManager.default.fileExists(atPath: resolved)
        if let inStack, inStack != ".", isSeeded(inStack) {
            // A seed is repository content too: the same guard against symlinks and special files.
            if exists, let problem = RepoContentGuard.check(resolved, root: context.repositoryRoot) {
                sink.error(mark, "bind source `\(written)`: \(problem); repo content must stay inside the repository")
                return nil
            }
            let seed = exists ? context.repositoryRelative(resolved) : nil
            return .hostData(HostData(path: "\(context.projectName)/\(inStack)", seed: seed, location: mark))
        }
        if exists {
            guard let relative = context.repositoryRelative(resolved) else {
                sink.error(mark, "bind source `\(written)` lies outside the repository; reconcile ships repo content to "
                               + "the host, so keep it inside the repository, or write an absolute path on the host")
                return nil
            }
            if let problem = RepoContentGuard.check(resolved, root: context.repositoryRoot) {
                sink.error(mark, "bind source `\(written)`: \(problem); repo content must stay inside the repository")
                return nil
            }
            // An encrypted file is shipped decrypted: it must open with the key at hand (folders are checked file by file when shipped).
            context.encrypted.check(resolved, file: relative)
            return .repoContent(relative)
        }
        guard let inStack else {
            sink.error(mark, "bind source `\(written)` is not in the repository, and as host data it would leave the "
                           + "stack folder; write a path inside the stack folder (host data goes to "
                           + "`<data>/\(context.projectName)/<path>` on the host), or an absolute path on the host")
            return nil
        }
        return .hostData(HostData(path: "\(context.projectName)/\(inStack)", location: mark))
    }

    /// True when `x-reconcile.data` names this path or a folder holding it.
    private func isSeeded(_ stackRelative: String) -> Bool {
        context.seededData.contains { stackRelative == $0 || stackRelative.hasPrefix($0 + "/") }
    }

    /// Compose cleans a mount's target path: `/var/mail/` is `/var/mail`.
    static func cleanTarget(_ target: String) -> String {
        target.count > 1 && target.hasSuffix("/") ? cleanTarget(String(target.dropLast())) : target
    }

    /// The node holding a volume's source: the item itself (short form) or its `source` value.
    static func volumeSourceNode(_ item: YAMLNode) -> YAMLNode? {
        guard let pairs = item.mapping else { return item }
        return pairs.first { $0.key.scalar?.value == "source" }?.value
    }
}
