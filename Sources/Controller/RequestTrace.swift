import Foundation
import Synchronization

/// Appends every Engine API request to the file named by `RECONCILE_TRACE_REQUESTS`, so a benchmark can
/// count requests per host and check that a no-op pass sends nothing that mutates.
final class RequestTrace: Sendable {
    /// Set once per process from the environment; nil (the normal case) costs one check per request.
    static let shared: RequestTrace? = ProcessInfo.processInfo.environment["RECONCILE_TRACE_REQUESTS"]
        .flatMap { $0.isEmpty ? nil : RequestTrace(path: $0) }

    private let handle: Mutex<FileHandle?>

    init?(path: String) {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else { return nil }
        }
        guard let file = FileHandle(forWritingAtPath: path) else { return nil }
        file.seekToEndOfFile()
        handle = Mutex(file)
    }

    /// One line per request: `<endpoint> <METHOD> <path>`.
    func record(endpoint: String, method: String, path: String) {
        let line = Data("\(endpoint) \(method) \(path)\n".utf8)
        handle.withLock { $0?.write(line) }
    }
}
