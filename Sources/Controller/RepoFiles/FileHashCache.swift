import Glibc
import Synchronization

/// Fingerprints of repo files by path, valid while the file's size, mtime, inode and mode stay the same:
/// a daemon pass over an unchanged checkout reads no file again (issue 17, point 6).
final class FileHashCache: Sendable {
    /// What identifies one version of a file without reading it.
    struct Stamp: Hashable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
        var mode: UInt32
    }

    /// The one cache of this process: checkouts are shared by every host and pass.
    static let shared = FileHashCache()

    /// Entries beyond this are dropped all at once (a checkout with more repo files than this re-reads them).
    let capacity: Int
    private let entries = Mutex<[String: (Stamp, String)]>([:])
    private let reads = Atomic<Int>(0)

    init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    /// How many files were read to compute a fingerprint (for tests).
    var fileReads: Int { reads.load(ordering: .relaxed) }

    /// The cached fingerprint of `path` if its stamp is unchanged; otherwise `compute`'s, remembered.
    func fingerprint(of path: String, compute: () throws(RepoFileError) -> String) throws(RepoFileError) -> String {
        let stamp = Self.stamp(path)
        if let stamp, let (cached, value) = entries.withLock({ $0[path] }), cached == stamp { return value }
        reads.add(1, ordering: .relaxed)
        let value = try compute()
        // Remember it only if the file did not change while it was read.
        if let stamp, Self.stamp(path) == stamp {
            entries.withLock { entries in
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
                entries[path] = (stamp, value)
            }
        }
        return value
    }

    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return Stamp(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                     modifiedSeconds: Int(info.st_mtim.tv_sec), modifiedNanoseconds: Int(info.st_mtim.tv_nsec),
                     mode: UInt32(info.st_mode))
    }
}
