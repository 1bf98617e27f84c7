import Basics
import Crypto
import FoundationEssentials
import Glibc
import Spec

/// What one repo mount ships, read from the checkout: a single file, or a folder's whole tree.
///
/// Symlinks inside a folder are shipped as symlinks, never followed, and one that points outside the repository
/// is refused, so a link cannot smuggle a file from outside the repository onto a host.
struct RepoContent: Sendable, Equatable {
    /// One file, folder or symlink, with its path inside the mount (a mounted file: its own name).
    struct Entry: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            case file(Data)
            case directory
            case symlink(String)
        }

        var path: String
        /// Permission bits (`0o644`, `0o755`): the executable bit of a script matters to the container.
        var mode: Int
        var kind: Kind
        /// Owner in the archive: root, but for a copied-in secret or config with `uid`/`gid`.
        var uid = 0
        var gid = 0

        /// `sha256:<hex>` of mode and content: what the plan hashes for each repo file.
        var fingerprint: String {
            var hasher = SHA256()
            hasher.update(data: Data(String(mode, radix: 8).utf8 + [0]))
            switch kind {
            case .file(let data): hasher.update(data: data)
            case .directory: hasher.update(data: Data("dir".utf8))
            case .symlink(let target): hasher.update(data: Data(("link:" + target).utf8))
            }
            return "sha256:" + HexDigits.string(hasher.finalize())
        }
    }

    /// True when the mount's source is a folder (mounted as a volume), false for a single file.
    var isDirectory: Bool
    /// Sorted by path; for a single file, exactly one entry.
    var entries: [Entry]

    /// The name the single mounted file has inside its volume.
    var fileName: String? { isDirectory ? nil : entries.first?.path }

    /// Hex SHA-256 over every entry: equal content gives an equal volume name on every host.
    var hash: String {
        var hasher = SHA256()
        hasher.update(data: Data((isDirectory ? "dir\n" : "file\n").utf8))
        for entry in entries { hasher.update(data: Data("\(entry.path)\u{0}\(entry.fingerprint)\n".utf8)) }
        return HexDigits.string(hasher.finalize())
    }

    /// Reads `path` (absolute, in the checkout at `root`; a folder's own path when nil). A missing or unreadable
    /// source is an error naming it; so is anything reaching outside `root` through a symlink, and any FIFO,
    /// socket or device. Files are opened without following symlinks.
    static func read(_ path: String, root: String? = nil) throws(RepoFileError) -> RepoContent {
        var entries: [Entry] = []
        let isDirectory = try walk(path, root: root) { (relative: String, full: String, mode: Int) throws(RepoFileError) in
            entries.append(Entry(path: relative, mode: mode, kind: .file(try contents(of: full))))
        } other: { entries.append($0) }
        return RepoContent(isDirectory: isDirectory, entries: entries.sorted { $0.path < $1.path })
    }

    /// Path → fingerprint of every file and symlink below `path`, as `read` would give them; unchanged files
    /// (same size, mtime, inode, mode) are not read again but taken from `cache`.
    static func fingerprints(_ path: String, root: String?, cache: FileHashCache) throws(RepoFileError) -> (isDirectory: Bool, [String: String]) {
        var result: [String: String] = [:]
        let isDirectory = try walk(path, root: root) { (relative: String, full: String, mode: Int) throws(RepoFileError) in
            result[relative] = try cache.fingerprint(of: full) { () throws(RepoFileError) in
                Entry(path: relative, mode: mode, kind: .file(try contents(of: full))).fingerprint
            }
        } other: { entry in
            if case .symlink = entry.kind { result[entry.path] = entry.fingerprint }
        }
        return (isDirectory, result)
    }

    /// Visits every entry of a source: regular files through `file` (relative path, full path, mode), folders
    /// and symlinks through `other`; returns whether the source is a folder.
    private static func walk(_ path: String, root: String?,
                             file: (String, String, Int) throws(RepoFileError) -> Void,
                             other: (Entry) -> Void) throws(RepoFileError) -> Bool {
        guard let real = RepoContentGuard.resolvedPath(path) else {
            throw RepoFileError(path: path, message: "does not exist in the checkout")
        }
        let root = root ?? (RepoContentGuard.kind(real) == S_IFDIR ? real : String(real[..<(real.lastIndex(of: "/") ?? real.endIndex)]))
        if let problem = RepoContentGuard.check(path, root: root) {
            throw RepoFileError(path: path, message: "cannot be shipped: \(problem)")
        }
        guard RepoContentGuard.kind(real) == S_IFDIR else {
            let name = String(path.split(separator: "/").last ?? Substring(path))
            try file(name, real, try mode(of: real))
            return false
        }
        try collect(in: real, under: nil, root: root, depth: 0, file: file, other: other)
        return true
    }

    /// Visits every entry below `folder/relative`, depth first; symlinked folders are entries, not descended into.
    private static func collect(in folder: String, under relative: String?, root: String, depth: Int,
                                file: (String, String, Int) throws(RepoFileError) -> Void,
                                other: (Entry) -> Void) throws(RepoFileError) {
        let here = relative.map { folder + "/" + $0 } ?? folder
        guard depth < RepoContentGuard.maxDepth else {
            throw RepoFileError(path: here, message: "is nested more than \(RepoContentGuard.maxDepth) folders deep")
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: here) } catch {
            throw RepoFileError(path: here, message: "cannot list the folder")
        }
        // Git's own database is history, not content: never shipped, even when a mount covers the whole repo.
        for name in names.sorted() where name != ".git" {
            let path = relative.map { $0 + "/" + name } ?? name
            let full = folder + "/" + path
            var info = stat()
            guard lstat(full, &info) == 0 else { throw RepoFileError(path: full, message: "cannot be read: \(errnoText())") }
            let mode = Int(info.st_mode & 0o7777)
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                other(Entry(path: path, mode: mode, kind: .directory))
                try collect(in: folder, under: path, root: root, depth: depth + 1, file: file, other: other)
            case S_IFLNK:
                if let landing = RepoContentGuard.escapingTarget(ofLink: full, root: root) {
                    throw RepoFileError(path: full, message: "is a symlink to \(landing), outside the repository; it is not shipped")
                }
                other(Entry(path: path, mode: 0o777, kind: .symlink(RepoContentGuard.linkTarget(full) ?? "")))
            case S_IFREG:
                try file(path, full, mode)
            default:
                throw RepoFileError(path: full, message: "is \(RepoContentGuard.describe(info.st_mode & S_IFMT)); "
                                    + "only files, folders and symlinks can be shipped")
            }
        }
    }

    /// A regular file's bytes, opened without following a symlink and refused if it is anything else.
    static func contents(of path: String) throws(RepoFileError) -> Data {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw RepoFileError(path: path, message: "cannot be read: \(errnoText())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw RepoFileError(path: path, message: "is not a regular file; it cannot be shipped")
        }
        var data = Data(count: Int(info.st_size))
        var filled = 0
        while filled < data.count {
            let count = data.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return Glibc.read(fd, base + filled, buffer.count - filled)
            }
            guard count > 0 else {
                if count < 0, errno == EINTR { continue }
                throw RepoFileError(path: path, message: "changed while it was read; try again")
            }
            filled += count
        }
        return data
    }

    private static func mode(of path: String) throws(RepoFileError) -> Int {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw RepoFileError(path: path, message: "cannot be read: \(errnoText())") }
        return Int(info.st_mode & 0o7777)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// A repo file that cannot be read or shipped, with the path a person can go and look at.
struct RepoFileError: Error, CustomStringConvertible {
    var path: String
    var message: String
    var description: String { "repo file \(path) \(message)" }
}
