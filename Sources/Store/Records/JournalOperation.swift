import FoundationEssentials

/// A journaled operation with its steps in the order they were recorded.
///
/// Named `JournalOperation`, not `Operation`, because Foundation exports an `Operation` class and
/// every caller imports both modules: the short name would be ambiguous there.
public struct JournalOperation: Sendable, Codable, Equatable, Identifiable {
    public var id: Int64
    public var intent: OperationIntent
    public var startedAt: Date
    /// When `finishOperation` ran; nil while the operation is unfinished (or its process died).
    public var finishedAt: Date?
    /// The outcome given to `finishOperation`; nil while unfinished.
    public var outcome: OperationOutcome?
    public var steps: [JournalStep]
    /// The process that journaled it (`<boot id>/<pid>/<start time>`); nil before owners were recorded.
    public var owner: String?

    public init(id: Int64, intent: OperationIntent, startedAt: Date, finishedAt: Date?,
                outcome: OperationOutcome?, steps: [JournalStep], owner: String? = nil) {
        self.owner = owner
        self.id = id
        self.intent = intent
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.steps = steps
    }

    /// Whether the operation was finished; unfinished ones need recovery at start-up.
    public var isFinished: Bool { finishedAt != nil }
}
