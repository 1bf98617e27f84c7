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
    /// Signed links that approve or skip it (`mode: approve` with a webhook secret): ntfy shows them as buttons.
    public var approveURL: String?
    public var skipURL: String?
    /// The candidate's release notes (from its `org.opencontainers.image.source` label).
    public var releaseNotes: String?

    public init(id: Int64, stack: String, service: String, image: String, current: String, candidate: String,
                step: String, mode: String, approveURL: String? = nil, skipURL: String? = nil, releaseNotes: String? = nil) {
        self.releaseNotes = releaseNotes
        self.approveURL = approveURL
        self.skipURL = skipURL
        self.id = id
        self.stack = stack
        self.service = service
        self.image = image
        self.current = current
        self.candidate = candidate
        self.step = step
        self.mode = mode
    }

    /// The approve and skip buttons, when there are links for them.
    var actions: [NotificationEvent.Action]? {
        guard let approveURL, let skipURL else { return nil }
        return [NotificationEvent.Action(label: "Approve", url: approveURL),
                NotificationEvent.Action(label: "Skip", url: skipURL)]
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
                reasons: ["\(update.image) \(update.current) → \(update.candidate) (\(update.step))", update.next]
                    + (update.releaseNotes.map { ["release notes: \($0)"] } ?? []))],
                actions: update.actions, link: update.releaseNotes)
        })
    }
}
