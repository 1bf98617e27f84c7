import Basics
import FoundationEssentials
import HTTP

/// An image reference split the way Docker splits it, so `nginx`, `docker.io/library/nginx:latest` and
/// `index.docker.io/library/nginx` are one image to watch, and each knows which registry to ask.
public struct ImageName: Sendable, Hashable, CustomStringConvertible {
    /// The registry's API host (with port), e.g. `registry-1.docker.io`, `ghcr.io`, `127.0.0.1:5000`.
    public var registry: String
    /// The repository path inside the registry, e.g. `library/nginx`.
    public var repository: String
    /// The tag; `latest` when the reference names neither tag nor digest.
    public var tag: String
    /// `sha256:…` when the reference pins a digest; such references never need polling.
    public var digest: String?

    /// Docker Hub's API host, which the short names (`nginx`, `docker.io/…`) stand for.
    public static let dockerHub = "registry-1.docker.io"

    public init(registry: String, repository: String, tag: String = "latest", digest: String? = nil) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// Parses `reference` like `docker pull` does.
    public init(parsing reference: String) throws(ImageNameError) {
        let text = reference.trimmingWhitespace()
        guard !text.isEmpty else { throw ImageNameError(reference: reference, reason: "it is empty") }
        var rest = Substring(text)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
            try Self.validateDigest(digest ?? "", reference: reference)
        }
        var tag = "latest"
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
            try Self.validateTag(tag, reference: reference)
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var registry = Self.dockerHub
        if components.count > 1, Self.looksLikeRegistry(components[0]) {
            registry = Self.normalisedRegistry(components.removeFirst())
        }
        if registry == Self.dockerHub && components.count == 1 {
            components.insert("library", at: 0)
        }
        let repository = components.joined(separator: "/")
        try Self.validateRepository(components, reference: reference)
        self.init(registry: registry, repository: repository, tag: tag, digest: digest)
    }

    /// Whether the reference pins a digest: the content can never change, so it is never polled.
    public var isImmutable: Bool { digest != nil }

    /// One spelling per image, used as the cache key: `docker.io/library/nginx:latest`.
    public var canonical: String {
        let host = registry == Self.dockerHub ? "docker.io" : registry
        if let digest { return "\(host)/\(repository)@\(digest)" }
        return "\(host)/\(repository):\(tag)"
    }

    public var description: String { canonical }

    /// The host without its port, brackets removed for IPv6 (`::1`).
    public var host: String { RegistryAddress.split(registry).host }

    /// Whether the registry is on this machine (127.0.0.0/8, ::1, localhost): only those are asked over plain HTTP.
    public var isLoopback: Bool { RegistryAddress.isLoopback(host) }

    /// Where the registry's API answers: plain HTTP for loopback registries, HTTPS everywhere else.
    public var endpoint: Endpoint { RegistryAddress.endpoint(for: registry) }

    /// Docker's rule: a first component with a dot or a port, or `localhost`, names a registry.
    private static func looksLikeRegistry(_ component: String) -> Bool {
        component.contains(".") || component.contains(":") || component == "localhost"
    }

    /// `docker.io` and `index.docker.io` are aliases of the Hub's API host.
    private static func normalisedRegistry(_ component: String) -> String {
        let lower = component.lowercased()
        return lower == "docker.io" || lower == "index.docker.io" ? dockerHub : lower
    }

    private static func validateRepository(_ components: [String], reference: String) throws(ImageNameError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        for component in components {
            guard !component.isEmpty else {
                throw ImageNameError(reference: reference, reason: "it has an empty path component")
            }
            guard component.allSatisfy({ allowed.contains($0) }) else {
                throw ImageNameError(reference: reference,
                                     reason: "repository component '\(component)' may use only lowercase letters, digits, '.', '_' and '-'")
            }
        }
    }

    private static func validateTag(_ tag: String, reference: String) throws(ImageNameError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !tag.isEmpty, tag.count <= 128, tag.allSatisfy({ allowed.contains($0) }), tag.first != "." && tag.first != "-" else {
            throw ImageNameError(reference: reference, reason: "tag '\(tag)' is not a valid tag (letters, digits, '.', '_', '-'; at most 128)")
        }
    }

    private static func validateDigest(_ digest: String, reference: String) throws(ImageNameError) {
        let parts = digest.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 32,
              parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw ImageNameError(reference: reference, reason: "digest '\(digest)' is not 'algorithm:hex' (e.g. sha256:…)")
        }
    }
}
