/// Where a health gate wait stands.
public enum GateWait: Sendable, Equatable {
    /// Still waiting, this long so far.
    case waiting(Duration)
    /// The container passed: healthy, or running through its stability window.
    case passed
    /// The container failed the gate, or the wait ended in an error (a rollback follows).
    case failed
}

/// Watches a health gate wait, e.g. to draw "waiting for healthy 12 s / 2 m" on a terminal, about once a
/// second while it waits and once when it ends, with how it ended.
public typealias GateProgress = @Sendable (_ host: String, _ container: String, _ wait: GateWait, _ budget: Duration) -> Void
