import Dispatch

/// Blocking calls (child processes, reading and hashing files) run on dispatch threads: the cooperative pool has
/// as many threads as cores (two here), and one blocked thread would stall every host's pass.
public enum BlockingWork {
    public static func run<T: Sendable, Failure: Error>(_ body: @escaping @Sendable () throws(Failure) -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            DispatchQueue.global().async {
                do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            }
        }
    }
}
