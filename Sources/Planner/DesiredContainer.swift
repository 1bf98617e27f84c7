import Basics
import Crypto
import FoundationEssentials
import Spec

/// One container as the repo wants it on one host, with the image resolved.
///
/// Its `hash` is what decides "changed": it covers the normalised service,
/// the resolved image ID and the content of repo files the service mounts,
/// and nothing positional (moving a service down a file changes no container).
public struct DesiredContainer: Sendable, Hashable {
    public var stack: StackSpec
    public var service: ServiceSpec
    /// Image ID (`sha256:…`) on the host; nil while the image still has to be pulled.
    public var imageID: String?
    /// Content hash of every repo file the service mounts, by repo-relative path.
    public var repoFiles: [String: String]

    public init(stack: StackSpec, service: ServiceSpec, imageID: String?, repoFiles: [String: String] = [:]) {
        self.stack = stack
        self.service = service
        self.imageID = imageID
        self.repoFiles = repoFiles
    }

    /// `container_name`, or Compose's `<project>-<service>-1`.
    public var name: String { Self.containerName(stack: stack, service: service) }

    public static func containerName(stack: StackSpec, service: ServiceSpec) -> String {
        service.containerName ?? "\(stack.projectName)-\(service.name)-1"
    }

    /// What is hashed and what is recorded (after redaction).
    public var canonical: CanonicalConfig {
        CanonicalConfig(service: service, imageID: imageID, repoFiles: repoFiles)
    }

    /// `sha256:<hex>` of the canonical config; nil until the image is resolved.
    public var hash: String? {
        imageID == nil ? nil : canonical.hash
    }

    /// The hash an earlier reconcile (before hash scheme 2) put on the same container; nil until resolved.
    public var legacyHash: String? {
        imageID == nil ? nil : canonical.legacyHash
    }
}

/// The part of a desired container that decides its identity, in a stable encoding.
public struct CanonicalConfig: Sendable, Codable, Hashable {
    public var service: ServiceSpec
    public var imageID: String?
    public var repoFiles: [String: String]

    public init(service: ServiceSpec, imageID: String?, repoFiles: [String: String]) {
        var service = service
        // Positions and provenance say where a value was written, not what runs.
        service.source = SourceLocation(file: "", line: 0, column: 0)
        service.keyLocations = [:]
        service.environmentFromFiles = []
        // Repo content is identified by its repo path and hashed content, not by where the checkout lives.
        for index in service.volumes.indices where service.volumes[index].repoRelativeSource != nil {
            service.volumes[index].source = nil
        }
        self.service = service
        self.imageID = imageID
        self.repoFiles = repoFiles
    }

    /// Sorted-key JSON of every field: what history records (after redaction), and what the first hash
    /// scheme hashed. The hash itself is `CanonicalConfig+Hash.swift`.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain value types cannot fail; an empty result would only ever mean "changed".
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Hash scheme 1: the whole encoding, defaults and all (any new field re-hashed every service).
    /// Still compared once, so containers an earlier version made are not recreated by an upgrade.
    public var legacyHash: String {
        "sha256:" + HexDigits.string(SHA256.hash(data: encoded()))
    }

    public static func decode(_ data: Data) throws -> CanonicalConfig {
        try JSONDecoder().decode(CanonicalConfig.self, from: data)
    }
}
