import Basics
import FoundationEssentials
import Glibc

/// The state directory holds history and the redaction key: only its owner may read it (0700, files 0600).
public enum PrivateFiles {
    /// A file-system call that failed, with the path and the system's reason.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var action: String
        public var reason: String
        public var description: String {
            "cannot \(action) \(path): \(reason); choose a --state-dir this user owns, or fix its permissions"
        }
    }

    /// Creates `directory` (and missing parents) with mode 0700. An existing one this user owns is narrowed to
    /// 0700, unless it is a shared sticky folder such as `/tmp` (never ours to narrow).
    public static func prepareDirectory(_ directory: String) throws(Failure) {
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw Failure(path: directory, action: "create the state directory", reason: FileErrorText.describe(error))
            }
        }
        var info = stat()
        guard stat(directory, &info) == 0 else { throw failure(directory, "inspect the state directory") }
        let ours = info.st_uid == getuid() && info.st_mode & S_ISVTX == 0
        guard ours, info.st_mode & 0o077 != 0 else { return }
        guard chmod(directory, 0o700) == 0 else { throw failure(directory, "restrict the state directory") }
    }

    /// Creates `path` empty with mode 0600 when missing (never through a symlink); narrows an existing file to 0600.
    /// SQLite gives its `-wal` and `-shm` files the database file's mode, so they follow.
    public static func prepareFile(_ path: String) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        // A folder in the file's place: SQLite's own open error says it best.
        if fd < 0, errno == EISDIR { return }
        guard fd >= 0 else { throw failure(path, "create") }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else { throw failure(path, "restrict") }
    }

    /// Narrows an existing file (a `-wal` left by an older version) to 0600; a missing one is fine.
    public static func restrictIfPresent(_ path: String) throws(Failure) {
        guard chmod(path, 0o600) == 0 || errno == ENOENT else { throw failure(path, "restrict") }
    }

    static func failure(_ path: String, _ action: String) -> Failure {
        Failure(path: path, action: action, reason: String(cString: strerror(errno)))
    }
}
