import HTTP
import Synchronization

/// The API version agreed with each engine, kept for the life of the process so a daemon pings a host once,
/// not once per pass. A client forgets its engine's entry when the engine becomes unreachable or refuses
/// the version (it may have been upgraded or downgraded meanwhile); the next request negotiates again.
/// The engine's own version (`Server: Docker/20.10.24 (linux)` of the same ping) is kept beside it.
public final class NegotiatedVersions: Sendable {
    /// The process's own table, used by every client unless a test brings its own.
    public static let shared = NegotiatedVersions()

    private struct Agreed {
        var api: APIVersion
        var engine: String?
    }

    private let versions = Mutex<[Endpoint: Agreed]>([:])

    public init() {}

    public func version(for endpoint: Endpoint) -> APIVersion? {
        versions.withLock { $0[endpoint]?.api }
    }

    /// The engine's release (`20.10.24`) as its last ping named it; nil when it named none.
    public func engineVersion(for endpoint: Endpoint) -> String? {
        versions.withLock { $0[endpoint]?.engine }
    }

    func record(_ version: APIVersion, engine: String?, for endpoint: Endpoint) {
        versions.withLock { $0[endpoint] = Agreed(api: version, engine: engine) }
    }

    func forget(_ endpoint: Endpoint) {
        _ = versions.withLock { $0.removeValue(forKey: endpoint) }
    }
}
