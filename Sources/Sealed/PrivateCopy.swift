import FoundationEssentials
import Glibc

/// A plaintext copy for an editor: mode 0600 in a fresh 0700 folder, on tmpfs (`/dev/shm`) when the system has
/// it so it never reaches a disk; `wipe` overwrites it with zeros before removing it.
struct PrivateCopy {
    let folder: String
    let path: String

    init(contents: [UInt8], name: String) throws(SealedError) {
        let base = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm"
            : (ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp")
        var template = Array((base + "/reconcile-edit-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw .editor("cannot make a private folder in \(base): \(String(cString: strerror(errno)))")
        }
        folder = String(cString: made)
        path = folder + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .editor("cannot create \(path): \(String(cString: strerror(errno)))") }
        let written = contents.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == contents.count else { throw .editor("cannot write \(path)") }
    }

    /// Overwrites the copy (whatever the editor left) with zeros, then removes it and its folder.
    func wipe() {
        var info = stat()
        if stat(path, &info) == 0 {
            let fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
            if fd >= 0 {
                let zeros = [UInt8](repeating: 0, count: Int(info.st_size))
                _ = zeros.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                fsync(fd)
                close(fd)
            }
        }
        // Editors leave swap and backup files beside the copy: the whole folder goes.
        try? FileManager.default.removeItem(atPath: folder)
    }
}
