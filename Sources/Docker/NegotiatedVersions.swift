import HTTP
import Synchronization

/// The API version agreed with each engine, kept for the life of the process so a daemon pings a host once,
/// not once per pass. A client forgets its engine's entry when the engine becomes unreachable or refuses
/// the version (it may have been upgraded or downgraded meanwhile); the next request negotiates again.
public final class NegotiatedVersions: Sendable {
    /// The process's own table, used by every client unless a test brings its own.
    public static let shared = NegotiatedVersions()

    private let versions = Mutex<[Endpoint: APIVersion]>([:])

    public init() {}

    public func version(for endpoint: Endpoint) -> APIVersion? {
        versions.withLock { $0[endpoint] }
    }

    func record(_ version: APIVersion, for endpoint: Endpoint) {
        versions.withLock { $0[endpoint] = version }
    }

    func forget(_ endpoint: Endpoint) {
        _ = versions.withLock { $0.removeValue(forKey: endpoint) }
    }
}
