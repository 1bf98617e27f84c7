import Basics
import Crypto
import FoundationEssentials

/// What one repo mount ships, read from the checkout: a single file, or a folder's whole tree.
///
/// Symlinks inside a folder are shipped as symlinks, never followed, so a link cannot smuggle a file
/// from outside the repository onto a host.
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

    /// Reads `path` (absolute, in the checkout); a missing or unreadable source is an error naming it.
    static func read(_ path: String) throws(RepoFileError) -> RepoContent {
        let manager = FileManager.default
        var isDirectory = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RepoFileError(path: path, message: "does not exist in the checkout")
        }
        guard isDirectory else {
            let name = String(path.split(separator: "/").last ?? Substring(path))
            return RepoContent(isDirectory: false, entries: [try file(at: path, named: name)])
        }
        var entries: [Entry] = []
        try collect(in: path, under: nil, into: &entries)
        return RepoContent(isDirectory: true, entries: entries.sorted { $0.path < $1.path })
    }

    /// Adds every entry below `root/relative`, depth first; symlinked folders are entries, not descended into.
    private static func collect(in root: String, under relative: String?, into entries: inout [Entry]) throws(RepoFileError) {
        let folder = relative.map { root + "/" + $0 } ?? root
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw RepoFileError(path: folder, message: "cannot list the folder")
        }
        // Git's own database is history, not content: never shipped, even when a mount covers the whole repo.
        for name in names where name != ".git" {
            let path = relative.map { $0 + "/" + name } ?? name
            let full = root + "/" + path
            let attributes = try attributes(of: full)
            let mode = (attributes[.posixPermissions] as? Int) ?? 0o644
            switch attributes[.type] as? FileAttributeType {
            case .typeDirectory?:
                entries.append(Entry(path: path, mode: mode, kind: .directory))
                try collect(in: root, under: path, into: &entries)
            case .typeSymbolicLink?:
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? ""
                entries.append(Entry(path: path, mode: 0o777, kind: .symlink(target)))
            case .typeRegular?:
                entries.append(try file(at: full, named: path))
            default:
                throw RepoFileError(path: full, message: "is neither a file, a folder nor a symlink; it cannot be shipped")
            }
        }
    }

    private static func file(at path: String, named name: String) throws(RepoFileError) -> Entry {
        let mode = (try attributes(of: path)[.posixPermissions] as? Int) ?? 0o644
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RepoFileError(path: path, message: "cannot be read")
        }
        return Entry(path: name, mode: mode, kind: .file(data))
    }

    private static func attributes(of path: String) throws(RepoFileError) -> [FileAttributeKey: Any] {
        do {
            return try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw RepoFileError(path: path, message: "cannot be read: \(FileErrorText.describe(error))")
        }
    }
}

/// A repo file that cannot be read or shipped, with the path a person can go and look at.
struct RepoFileError: Error, CustomStringConvertible {
    var path: String
    var message: String
    var description: String { "repo file \(path) \(message)" }
}
