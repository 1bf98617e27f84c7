import FoundationEssentials

/// One registry's pause (after 429 or an exhausted quota) and its hourly request budget, persisted so
/// a restart keeps honouring them.
public struct RegistryHostState: Sendable, Codable, Equatable {
    /// Registry host as `ImageName.registry` spells it.
    public var registry: String
    /// No request goes to this registry before this instant.
    public var pausedUntil: Date?
    /// Why it is paused, for `reconcile images`.
    public var pauseReason: String?
    /// Start of the current budget window.
    public var windowStartedAt: Date?
    /// Requests sent in that window.
    public var requestsInWindow: Int

    public init(registry: String, pausedUntil: Date? = nil, pauseReason: String? = nil,
                windowStartedAt: Date? = nil, requestsInWindow: Int = 0) {
        self.registry = registry
        self.pausedUntil = pausedUntil
        self.pauseReason = pauseReason
        self.windowStartedAt = windowStartedAt
        self.requestsInWindow = requestsInWindow
    }
}
