/// Watches a health gate wait, e.g. to draw "waiting for healthy 12 s / 2 m" on a terminal.
/// `waited` nil: the wait is over (the line may be cleared).
public typealias GateProgress = @Sendable (_ host: String, _ container: String, _ waited: Duration?, _ budget: Duration) -> Void
