import FoundationEssentials
import Glibc
import Synchronization

/// Appends every Engine API request to the file named by `RECONCILE_TRACE_REQUESTS`, so a benchmark can
/// count requests per host and check that a no-op pass sends nothing that mutates.
final class RequestTrace: Sendable {
    /// Set once per process from the environment; nil (the normal case) costs one check per request.
    static let shared: RequestTrace? = ProcessInfo.processInfo.environment["RECONCILE_TRACE_REQUESTS"]
        .flatMap { $0.isEmpty ? nil : RequestTrace(path: $0) }

    /// Opened for appending; the lock keeps each line in one piece. Never closed: it lives as long as the process.
    private let descriptor: Mutex<Int32>

    init?(path: String) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        descriptor = Mutex(fd)
    }

    /// One line per request: `<endpoint> <METHOD> <path>`.
    func record(endpoint: String, method: String, path: String) {
        let line = Array("\(endpoint) \(method) \(path)\n".utf8)
        descriptor.withLock { fd in _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } }
    }
}
