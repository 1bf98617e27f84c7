import FoundationEssentials
import Glibc

/// Keeps repository content inside the repository: a bind source, or anything inside a shipped folder, that
/// reaches outside through a symlink (the daemon's TLS keys and webhook secrets live on the same machine), or
/// that is a FIFO, socket or device, is refused before anything is shipped.
public enum RepoContentGuard {
    /// Why a source cannot be shipped, said about the path inside the repository.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// Repository-relative path of the offending entry.
        public var path: String
        public var message: String
        public var description: String { "`\(path)` \(message)" }
    }

    /// Folders deeper than this are refused: a real repo never nests so far, a hostile one might try.
    public static let maxDepth = 64

    /// The first problem with `source` (absolute, in the checkout at `root`), walking a folder's whole tree.
    public static func check(_ source: String, root: String) -> Problem? {
        let realRoot = resolvedPath(root) ?? root
        let relative = relativePath(source, root: root)
        guard let real = resolvedPath(source) else { return nil }  // Missing sources have their own error.
        guard isInside(real, realRoot) else {
            return Problem(path: relative, message: "resolves to \(real), outside the repository (through a symlink)")
        }
        return walk(source, relative: relative, root: realRoot, depth: 0)
    }

    /// The real path of `path` when a symlink takes it outside `root`; nil when it stays inside (or does not exist).
    /// Every file the loader reads goes through this: a compose file linked to a key elsewhere would otherwise
    /// be printed, line by line, in the loader's own error messages.
    public static func escape(of path: String, root: String) -> String? {
        guard let real = resolvedPath(path) else { return nil }
        return isInside(real, resolvedPath(root) ?? root) ? nil : real
    }

    /// Where a symlink at `link` points, resolved against its folder; nil when it stays inside `root`.
    public static func escapingTarget(ofLink link: String, root: String) -> String? {
        let realRoot = resolvedPath(root) ?? root
        guard let target = linkTarget(link) else { return "(unreadable link)" }
        let folder = String(link[..<(link.lastIndex(of: "/") ?? link.startIndex)])
        let lexical = normalize(target.hasPrefix("/") ? target : folder + "/" + target)
        // A dangling link is judged by where it points; an existing one by where it finally lands.
        let landing = resolvedPath(lexical) ?? lexical
        return isInside(landing, realRoot) ? nil : landing
    }

    /// What kind of thing `path` is, without following a symlink there.
    public static func kind(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    private static func walk(_ path: String, relative: String, root: String, depth: Int) -> Problem? {
        guard let type = kind(path) else { return nil }
        switch type {
        case S_IFLNK:
            if let landing = escapingTarget(ofLink: path, root: root) {
                return Problem(path: relative, message: "is a symlink to \(landing), outside the repository; "
                               + "replace it with the file itself or a link inside the repository")
            }
            return nil
        case S_IFREG:
            return nil
        case S_IFDIR:
            guard depth < maxDepth else {
                return Problem(path: relative, message: "is nested more than \(maxDepth) folders deep")
            }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
            for name in names.sorted() where name != ".git" {
                if let problem = walk(path + "/" + name, relative: relative + "/" + name, root: root, depth: depth + 1) {
                    return problem
                }
            }
            return nil
        default:
            return Problem(path: relative, message: "is \(describe(type)); only files, folders and symlinks inside "
                           + "the repository can be shipped")
        }
    }

    public static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        default: "not a regular file"
        }
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// The real path (every symlink resolved), nil when it does not exist.
    public static func resolvedPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    public static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func relativePath(_ path: String, root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    static func normalize(_ path: String) -> String {
        StackContext.normalize(path)
    }
}
