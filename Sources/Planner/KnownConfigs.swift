import FoundationEssentials

/// Redacted configs of earlier containers by hash, to explain what changed.
///
/// Held as the JSON the store keeps and decoded only when a container is recreated: a pass that changes
/// nothing decodes none (decoding every managed container's config was the largest cost of a no-op pass).
public struct KnownConfigs: Sendable {
    private var encoded: [String: String]
    private var decoded: [String: CanonicalConfig]

    /// Configs as the store keeps them (`CanonicalConfig.encoded()` text), by hash.
    public init(encoded: [String: String] = [:]) {
        self.encoded = encoded
        self.decoded = [:]
    }

    /// Configs already decoded, by hash.
    public init(_ configs: [String: CanonicalConfig]) {
        self.encoded = [:]
        self.decoded = configs
    }

    /// The config recorded under `hash`; nil if none is, or if what is recorded no longer decodes (the reason
    /// then names the two hashes instead of the fields).
    public subscript(hash: String) -> CanonicalConfig? {
        if let config = decoded[hash] { return config }
        return encoded[hash].flatMap { try? CanonicalConfig.decode(Data($0.utf8)) }
    }
}
