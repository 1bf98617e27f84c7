#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The size of a file from one `stat(2)`.
///
/// `FileManager.attributesOfItem` also resolves the owner's user and group names, reading `/etc/passwd` and
/// `/etc/group` for every file it is asked about; a pass that only wants to refuse an oversized file needs none of that.
public enum FileSize {
    /// The size in bytes of what `path` names (following symlinks), or nil when it cannot be stat'ed.
    public static func of(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }
}
