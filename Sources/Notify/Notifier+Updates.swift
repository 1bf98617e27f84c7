import FoundationEssentials

/// One version update to tell about, as the daemon found it.
public struct VersionUpdateNotice: Sendable, Hashable {
    public var id: Int64
    public var stack: String
    public var service: String
    public var image: String
    public var current: String
    public var candidate: String
    public var step: String
    /// `auto`, `approve` or `notify`.
    public var mode: String

    public init(id: Int64, stack: String, service: String, image: String, current: String, candidate: String,
                step: String, mode: String) {
        self.id = id
        self.stack = stack
        self.service = service
        self.image = image
        self.current = current
        self.candidate = candidate
        self.step = step
        self.mode = mode
    }

    /// What the owner can do about it, by mode.
    var next: String {
        switch mode {
        case "approve": return "approve: `reconcile updates approve \(id)`, or `reconcile updates skip \(id)`"
        case "auto": return "committed and deployed by the daemon"
        default: return "not applied (mode notify); change the tag in git to deploy it"
        }
    }
}

extension Notifier {
    /// Tells every channel that asked for `update` about versions found for the first time (never repeated: the
    /// daemon passes only new ones).
    @discardableResult
    public func notifyVersionUpdates(_ updates: [VersionUpdateNotice]) async -> [NotificationDelivery] {
        await send(updates.map { update in
            NotificationEvent(event: .update, stack: update.stack, changes: [NotificationEvent.Change(
                kind: "update", service: update.service,
                reasons: ["\(update.image) \(update.current) → \(update.candidate) (\(update.step))", update.next])])
        })
    }
}
