import Basics
import Crypto
import FoundationEssentials
import Spec

/// Turns secret values into fingerprints before anything is recorded.
///
/// Environment values (whether written inline or read from an env_file) may be
/// passwords or tokens; history only needs to know *that* they changed.
public enum Redaction {
    /// A short, stable fingerprint: equal values give equal fingerprints, so
    /// "environment X changed" still works on redacted records.
    public static func fingerprint(_ value: String) -> String {
        let digest = SHA256.hash(data: Data(("reconcile.env\u{0}" + value).utf8))
        return "redacted:sha256:" + HexDigits.string(digest.prefix(8))
    }

    /// The canonical config with every environment value fingerprinted.
    public static func redact(_ config: CanonicalConfig) -> CanonicalConfig {
        var copy = config
        copy.service.environment = config.service.environment.mapValues { value in
            value.map(fingerprint)
        }
        return copy
    }

    /// JSON text of the redacted config, as stored in history.
    public static func redactedJSON(_ config: CanonicalConfig) -> String {
        String(decoding: redact(config).encoded(), as: UTF8.self)
    }
}
