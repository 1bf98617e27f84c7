import FoundationEssentials
import Planner
import Store

/// The installation's redactor, keyed by the state directory's `redaction.key`.
enum RedactionKey {
    static func redactor(in stateDirectory: URL) throws -> Redactor {
        Redactor(keyBytes: try InstallationKey.load(stateDirectory: stateDirectory))
    }
}
