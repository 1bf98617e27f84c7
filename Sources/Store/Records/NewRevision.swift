import FoundationEssentials

/// A revision as the controller hands it over; the Store assigns its id.
///
/// Everything here must already be redacted: the Store writes values as given and never logs them.
public struct NewRevision: Sendable, Codable, Equatable {
    public var host: String
    public var stack: String
    /// The git commit the spec came from, when it came from git.
    public var commit: String?
    /// What started the pass.
    public var trigger: TriggerKind
    public var startedAt: Date
    public var finishedAt: Date
    public var outcome: RevisionOutcome
    /// The applied stack spec as JSON text.
    public var spec: String
    /// Service name → image digest or ID that was running after the revision.
    public var digests: [String: String]
    public var actions: [ActionRecord]
    /// The overall error, when the revision failed or rolled back.
    public var error: String?
    /// Health probe output that led to the outcome (the failing log on rollback).
    public var healthLog: [String]
    /// Every trigger coalesced into this pass.
    public var triggers: [String]

    public init(host: String, stack: String, commit: String? = nil, trigger: TriggerKind,
                startedAt: Date, finishedAt: Date, outcome: RevisionOutcome, spec: String,
                digests: [String: String] = [:], actions: [ActionRecord] = [], error: String? = nil,
                healthLog: [String] = [], triggers: [String] = []) {
        self.host = host
        self.stack = stack
        self.commit = commit
        self.trigger = trigger
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.spec = spec
        self.digests = digests
        self.actions = actions
        self.error = error
        self.healthLog = healthLog
        self.triggers = triggers
    }
}
