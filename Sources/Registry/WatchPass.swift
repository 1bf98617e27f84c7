/// What one `RegistryWatcher.check` did, for logs and for deciding whether to run a reconcile pass.
public struct WatchPass: Sendable, Equatable {
    /// Canonical references asked about, in order.
    public var checked: [String] = []
    /// References as services write them whose tag now points at a different digest than before.
    public var changed: Set<String> = []
    /// Canonical reference → why its check failed (it backs off; nothing is pulled).
    public var failures: [String: String] = [:]
    /// Due references left for later because their registry is paused or out of budget.
    public var deferred: [String] = []
    /// Requests sent to registries (token requests not counted).
    public var requests = 0

    public init() {}
}
