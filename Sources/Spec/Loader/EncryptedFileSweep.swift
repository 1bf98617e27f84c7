import FoundationEssentials
import Glibc
import Sealed

/// `reconcile validate`'s look at every encrypted file of the repository, used by a stack or not (a file inside a
/// mounted folder, one a stack will use later): each must open with the key at hand.
public enum EncryptedFileSweep {
    /// Files larger than this are not age or SOPS files anyone keeps in a homelab repository; they are skipped.
    static let maxBytes = 1 << 20

    /// One error per encrypted file that does not open, naming it and why.
    public static func check(root: String, keys: AgeKeys?) -> [Diagnostic] {
        let sink = DiagnosticSink()
        let files = EncryptedFiles(keys: keys, sink: sink)
        for relative in regularFiles(under: root) {
            files.check(root + "/" + relative, file: relative)
        }
        return sink.sorted
    }

    /// Repository-relative paths of regular files (symlinks not followed, `.git` skipped), sorted.
    static func regularFiles(under root: String, relative: String = "", depth: Int = 0) -> [String] {
        let folder = relative.isEmpty ? root : root + "/" + relative
        guard depth < 32, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var found: [String] = []
        for name in names.sorted() where name != ".git" {
            let path = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(root + "/" + path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: found += regularFiles(under: root, relative: path, depth: depth + 1)
            case S_IFREG where info.st_size <= maxBytes: found.append(path)
            default: continue
            }
        }
        return found
    }
}
