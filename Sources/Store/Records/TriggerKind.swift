/// What started a pass; the raw values are what `revisions.trigger_reason` holds.
public enum TriggerKind: String, Sendable, Codable, CaseIterable {
    /// `reconcile apply` run by a person.
    case manual
    /// `reconcile plan` (never recorded: a plan changes nothing).
    case plan
    /// `reconcile rollback`.
    case rollback
    /// The daemon's interval.
    case timer
    /// The daemon's first pass.
    case startup
    /// A signed webhook: a git push or a message.
    case webhook
    /// The daemon saw its git remote move.
    case git
    /// The registry watcher saw a tag move.
    case registry
    /// A registry's webhook named an image.
    case image
    /// The forge's API reported a new head.
    case forge
    /// A deploy window opened with changes waiting.
    case window
    /// `reconcile trigger` through the status API.
    case api
    /// A signed message on an MQTT topic.
    case mqtt
    /// A signed message on an ntfy topic.
    case ntfy
    /// An action on the status page: "sync now", "retry held back", "roll back to this revision".
    case web
}
