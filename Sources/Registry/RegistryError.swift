/// Why a registry check failed, worded so a person knows what to fix. A failed check only delays the
/// next check (back-off); it never leads to a pull.
public enum RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 401 challenge could not be understood or its realm is not acceptable.
    case badChallenge(detail: String)
    /// The token service refused or answered something that is not a token.
    case tokenFailed(realm: String, status: Int?, detail: String)
    /// Still 401/403 after authenticating: missing or wrong credentials, or no pull access.
    case unauthorized(image: String, status: Int)
    /// The registry does not know this repository or tag.
    case notFound(image: String)
    /// 429: the registry asked us to stop; `retryAfterSeconds` is what it said (nil if nothing).
    case rateLimited(registry: String, retryAfterSeconds: Int?)
    /// Any other status.
    case unexpectedStatus(image: String, status: Int, detail: String)
    /// A 2xx answer without `Docker-Content-Digest`.
    case missingDigest(image: String)
    /// No HTTP answer at all (connection refused, timeout, TLS).
    case transport(image: String, detail: String)
    /// A Docker `config.json` that cannot be read or parsed.
    case badCredentialsFile(path: String, detail: String)

    public var description: String {
        switch self {
        case .badChallenge(let detail):
            return "registry authentication challenge not usable: \(detail)"
        case .tokenFailed(let realm, let status, let detail):
            let code = status.map { " (HTTP \($0))" } ?? ""
            return "token request to \(realm) failed\(code): \(detail); check the credentials in Docker's config.json"
        case .unauthorized(let image, let status):
            return "\(image): registry refused access (HTTP \(status)) even after authenticating; log in with `docker login` or check the repository name"
        case .notFound(let image):
            return "\(image): the registry has no such repository or tag (HTTP 404); check the image reference"
        case .rateLimited(let registry, let seconds):
            let wait = seconds.map { " for \($0) s" } ?? ""
            return "\(registry) rate-limited us (HTTP 429); pausing all requests to it\(wait)"
        case .unexpectedStatus(let image, let status, let detail):
            return "\(image): registry answered HTTP \(status)\(detail.isEmpty ? "" : ": \(detail)")"
        case .missingDigest(let image):
            return "\(image): registry answered without a Docker-Content-Digest header; it may not implement the v2 API"
        case .transport(let image, let detail):
            return "\(image): registry unreachable: \(detail)"
        case .badCredentialsFile(let path, let detail):
            return "cannot read Docker credentials from \(path): \(detail)"
        }
    }
}
