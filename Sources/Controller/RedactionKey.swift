import FoundationEssentials
import Planner
import Store

/// The installation's redactor, keyed by the state directory's `redaction.key`.
enum RedactionKey {
    static func redactor(in stateDirectory: URL) throws -> Redactor {
        Redactor(keyBytes: try InstallationKey.load(stateDirectory: stateDirectory))
    }

    /// For a look that must create nothing (`plan` before any pass): a key of this process only. Its
    /// fingerprints match no history, and there is none to match.
    static func ephemeralRedactor() -> Redactor {
        var generator = SystemRandomNumberGenerator()
        return Redactor(keyBytes: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
