import FoundationEssentials
import Glibc

/// The per-installation secret behind history's fingerprints (`redaction.key` in the state directory, 0600):
/// without it, a fingerprint of a short password cannot be checked against guesses.
public enum InstallationKey {
    public static let fileName = "redaction.key"
    static let byteCount = 32

    /// The key of the installation at `stateDirectory`, created on first use.
    public static func load(stateDirectory: URL) throws(PrivateFiles.Failure) -> [UInt8] {
        try PrivateFiles.prepareDirectory(stateDirectory.path)
        let path = stateDirectory.appendingPathComponent(fileName).path
        if let key = try read(path) { return key }
        var generator = SystemRandomNumberGenerator()
        let key = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            // Another process made it first: use theirs.
            if errno == EEXIST, let key = try read(path) { return key }
            throw PrivateFiles.failure(path, "create the redaction key")
        }
        defer { close(fd) }
        let written = key.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == byteCount, fsync(fd) == 0 else { throw PrivateFiles.failure(path, "write the redaction key") }
        return key
    }

    /// The key in `path`, nil when there is none yet; a short file is half-written by a crash and refused.
    private static func read(_ path: String) throws(PrivateFiles.Failure) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw PrivateFiles.failure(path, "read the redaction key")
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: byteCount + 1)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard count == byteCount else {
            throw PrivateFiles.Failure(path: path, action: "use the redaction key", reason:
                "it holds \(max(count, 0)) bytes, not \(byteCount) (remove it to make a new one; old fingerprints then no longer match)")
        }
        _ = fchmod(fd, 0o600)
        return Array(buffer.prefix(byteCount))
    }
}
