/// How a revision ended; the raw values are what the `revisions.outcome` column holds.
public enum RevisionOutcome: String, Sendable, Codable, CaseIterable {
    /// Every action ran and the services passed their health gate.
    case applied
    /// An action failed and nothing was rolled back (e.g. create failed before anything stopped).
    case failed
    /// The new containers were unhealthy and the previous ones were put back.
    case rolledBack = "rolled_back"
}
