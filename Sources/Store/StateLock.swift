import FoundationEssentials
import Glibc

/// One writer per state directory: an exclusive `flock` on `<state>/reconcile.lock`, held while a pass
/// applies or a rollback runs, so the daemon mid-rollout and an operator's `reconcile rollback` (or a second
/// `--once`) never undo each other's work. The kernel drops the lock when its holder dies, kill -9 included,
/// so a crash never leaves it stuck; the file keeps the holder's pid and command for the message a waiter shows.
public final class StateLock: Sendable {
    /// The lock file inside the state directory.
    public static let fileName = "reconcile.lock"

    private let descriptor: Int32
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Takes the lock, waiting as long as another process holds it; `waiting` is told once who that is.
    /// Cancelling the task stops the wait.
    public static func acquire(stateDirectory: URL, command: String,
                               waiting: @Sendable (_ holder: String) -> Void) async throws -> StateLock {
        try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
        let path = stateDirectory.appendingPathComponent(fileName).path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.lockUnavailable(path: path, reason: String(cString: strerror(errno))) }
        var told = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw StoreError.lockUnavailable(path: path, reason: reason)
            }
            if !told {
                told = true
                waiting(holder(path))
            }
            do { try await Task.sleep(for: .milliseconds(100)) } catch {
                close(descriptor)
                throw error
            }
        }
        let text = "pid \(getpid()): \(command)\n"
        ftruncate(descriptor, 0)
        _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return StateLock(descriptor: descriptor, path: path)
    }

    /// What the lock file says about its holder, e.g. `pid 4242: reconcile daemon --repo /srv/homelab`.
    static func holder(_ path: String) -> String {
        let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.isEmpty ? "another reconcile process" : line
    }
}
