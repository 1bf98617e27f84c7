import Basics
import Crypto
import FoundationEssentials
import Spec

/// Turns secret values into keyed fingerprints before anything is recorded.
///
/// Secrets are every environment value and every value that came from interpolation or an env file, wherever it
/// landed (command, healthcheck, labels, …). History only needs to know *that* they changed, so each becomes
/// `redacted:hmac:<16 hex>`: equal values give equal fingerprints, and the per-installation key means a short
/// value cannot be found again by hashing guesses.
public struct Redactor: Sendable {
    /// What every fingerprint starts with.
    public static let tokenPrefix = "redacted:hmac:"
    /// Hex digits after the prefix.
    static let tokenHexCount = 16

    private let key: SymmetricKey

    /// - Parameter keyBytes: the installation's secret key (the state directory's `redaction.key`).
    public init(keyBytes: [UInt8]) {
        key = SymmetricKey(data: keyBytes)
    }

    /// `redacted:hmac:<hex>` of `value`.
    public func fingerprint(_ value: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(value.utf8), using: key)
        return Self.tokenPrefix + HexDigits.string(Array(code).prefix(Self.tokenHexCount / 2))
    }

    /// The fingerprint records written before keys existed carry (`redacted:sha256:`), for rolling back to them.
    public static func legacyFingerprint(_ value: String) -> String {
        let digest = SHA256.hash(data: Array(("reconcile.env\u{0}" + value).utf8))
        return "redacted:sha256:" + HexDigits.string(Array(digest).prefix(8))
    }

    /// The desired container's config as history keeps it.
    public func redact(_ desired: DesiredContainer) -> CanonicalConfig {
        redact(desired.canonical, secrets: desired.stack.secrets)
    }

    /// JSON text of the redacted config, as stored in history.
    public func redactedJSON(_ desired: DesiredContainer) -> String {
        String(decoding: redact(desired).encoded(), as: UTF8.self)
    }

    /// Every environment value fingerprinted, and every occurrence of a secret in any other string (or map key).
    public func redact(_ config: CanonicalConfig, secrets: Set<String>) -> CanonicalConfig {
        var copy = config
        copy.service.environment = config.service.environment.mapValues { value in value.map(fingerprint) }
        guard !secrets.isEmpty else { return copy }
        let encoded = Array(copy.encoded())
        let replaced = JSONStringRewriter(json: encoded).replacing(Self.escapedForms(of: secrets, redactor: self))
        if let decoded = try? CanonicalConfig.decode(Data(replaced)) { return decoded }
        // A secret equal to a fixed word of the encoding (an enum case) left text the model cannot read back:
        // record only what identifies the container, never the secret.
        var bare = CanonicalConfig(service: ServiceSpec(name: config.service.name, image: fingerprint(config.service.image),
                                                        source: config.service.source),
                                   imageID: config.imageID, repoFiles: config.repoFiles)
        bare.service.environment = copy.service.environment
        return bare
    }

    /// `text` (a probe's output, an error) with every secret replaced by its fingerprint.
    public func redact(text: String, secrets: Set<String>) -> String {
        guard !secrets.isEmpty else { return text }
        let pairs = secrets.filter { !$0.isEmpty }.map { (Array($0.utf8), Array(fingerprint($0).utf8)) }
        return String(decoding: TokenScanner.replace(in: Array(text.utf8), pairs), as: UTF8.self)
    }

    /// A recorded config with its fingerprints put back from `candidates` (the current repo's secrets and
    /// environment values); nil names a fingerprint no candidate matches.
    public func restore(_ recorded: CanonicalConfig, candidates: Set<String>) -> Result<CanonicalConfig, UnknownFingerprint> {
        var byToken: [String: String] = [:]
        for value in candidates where !value.isEmpty { byToken[fingerprint(value)] = value }
        let json = Array(recorded.encoded())
        var missing: String?
        let restored = JSONStringRewriter(json: json).restoring { token in
            if let value = byToken[token] { return Self.escaped(value) }
            missing = missing ?? token
            return nil
        }
        if let missing { return .failure(UnknownFingerprint(token: missing)) }
        guard let decoded = try? CanonicalConfig.decode(Data(restored)) else {
            return .failure(UnknownFingerprint(token: "(unreadable record)"))
        }
        return .success(decoded)
    }

    /// A fingerprint in a record whose value the current repository no longer has.
    public struct UnknownFingerprint: Error, Sendable, Hashable {
        public var token: String
    }

    /// Each secret as it appears inside an encoded JSON string, paired with its fingerprint; longest first.
    static func escapedForms(of secrets: Set<String>, redactor: Redactor) -> [([UInt8], [UInt8])] {
        secrets.filter { !$0.isEmpty }
            .map { (escaped($0), Array(redactor.fingerprint($0).utf8)) }
            .sorted { $0.0.count > $1.0.count }
    }

    /// The bytes JSONEncoder writes between the quotes of `value` (slashes unescaped, as CanonicalConfig encodes).
    static func escaped(_ value: String) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode([value]) else { return Array(value.utf8) }
        // `["…"]`: drop the brackets and quotes.
        return Array(Array(data).dropFirst(2).dropLast(2))
    }
}
