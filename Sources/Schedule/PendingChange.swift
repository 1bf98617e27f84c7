import FoundationEssentials

/// A stack whose changes wait for a window, as `status` and `plan` list it.
public struct PendingChange: Sendable, Hashable, Codable, CustomStringConvertible {
    public var host: String
    public var stack: String
    public var decision: WindowDecision

    public init(host: String, stack: String, decision: WindowDecision) {
        self.host = host
        self.stack = stack
        self.decision = decision
    }

    /// `ha on nas: pending until 2026-11-26 07:15 Europe/Berlin (deny window 06:45-07:15 Europe/Berlin in force until 07:15)`
    public var description: String {
        "\(stack) on \(host): \(decision.pending ?? "not pending") (\(decision.reason))"
    }
}
