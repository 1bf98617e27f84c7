/// One planned action of a revision and what became of it, kept so the history says *why*.
public struct ActionRecord: Sendable, Codable, Equatable {
    /// The action kind as the planner names it ("create", "recreate", "remove", …).
    public var kind: String
    /// The service the action touched.
    public var service: String
    /// The planner's reasons, in its words (e.g. "image digest changed").
    public var reasons: [String]
    /// How the action ended, when it ran at all.
    public var outcome: ActionOutcome?
    /// The error the action hit, already redacted by the caller.
    public var error: String?

    public init(kind: String, service: String, reasons: [String], outcome: ActionOutcome? = nil, error: String? = nil) {
        self.kind = kind
        self.service = service
        self.reasons = reasons
        self.outcome = outcome
        self.error = error
    }
}
