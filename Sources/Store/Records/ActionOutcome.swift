/// What became of one action of a revision; the raw values are what the `revisions.actions` JSON holds.
///
/// Stored as `rolled_back`, like `RevisionOutcome` (schema version 7 rewrote the `rolled-back` of earlier versions).
public enum ActionOutcome: String, Sendable, Codable, CaseIterable {
    /// The action ran (and passed its health gate).
    case done
    /// The engine refused a step, or the image was missing.
    case failed
    /// Not run: an earlier service of the stack failed, or one it depends on was not applied.
    case skipped
    /// Refused before touching anything (a name clash, a held-back configuration).
    case blocked
    /// The new container failed its health gate and the previous one was put back.
    case rolledBack = "rolled_back"
}
