import FoundationEssentials
import Store

/// What the watcher keeps for each thing it polls (a tag's digest, a repository's tag list): when it was last
/// answered, when it is due again, and its failures in a row. One schedule and one back-off serve both.
protocol PolledState: Sendable {
    var checkedAt: Date? { get }
    var nextCheckAt: Date { get set }
    var failures: Int { get set }
    var lastError: String? { get set }
}

extension RegistryImageState: PolledState {}
extension RegistryTagState: PolledState {}
