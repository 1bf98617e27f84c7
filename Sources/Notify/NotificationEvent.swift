import Controller
import FoundationEssentials

/// Something worth telling a person about: one stack applied, failed or rolled back, or a commit that does not load.
/// Its JSON form is what the generic webhook receives.
public struct NotificationEvent: Sendable, Codable, Hashable {
    /// The `on:` words of `reconcile.yaml`.
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        case applied
        case failed
        case rolledBack = "rolled_back"
        case invalid
        /// A newer version a service's update policy allows (issue 19); the change says what to run to approve it.
        case update
    }

    /// One changed service in the event, with the planner's reasons.
    public struct Change: Sendable, Codable, Hashable {
        public var kind: String
        public var service: String
        public var reasons: [String]
        public var outcome: ActionReport.Outcome?
        public var error: String?

        public init(kind: String, service: String, reasons: [String] = [], outcome: ActionReport.Outcome? = nil, error: String? = nil) {
            self.kind = kind
            self.service = service
            self.reasons = reasons
            self.outcome = outcome
            self.error = error
        }
    }

    /// A button that POSTs to a URL (ntfy's `http` action); the link carries its own signature.
    public struct Action: Sendable, Codable, Hashable {
        public var label: String
        public var url: String

        public init(label: String, url: String) {
            self.label = label
            self.url = url
        }
    }

    public var event: Kind
    public var host: String?
    public var stack: String?
    public var commit: String?
    public var revision: Int64?
    public var changes: [Change]
    /// The stack's or host's error, with the failing health log for rollbacks (already redacted by the controller).
    public var error: String?
    /// Load errors of an invalid commit, `file:line:col: error: …`.
    public var diagnostics: [String]
    /// For `invalid`: the stacks held because of those errors when the rest of the commit was applied.
    public var heldStacks: [String]?
    public var time: Date
    /// Buttons to offer (approve/skip of a version update); nil: none.
    public var actions: [Action]?
    /// Opened when the notification is tapped (ntfy's `Click`): a version's release notes.
    public var link: String?

    public init(event: Kind, host: String? = nil, stack: String? = nil, commit: String? = nil, revision: Int64? = nil,
                changes: [Change] = [], error: String? = nil, diagnostics: [String] = [], heldStacks: [String]? = nil, time: Date = Date(), actions: [Action]? = nil,
                link: String? = nil) {
        self.link = link
        self.actions = actions
        self.heldStacks = heldStacks
        self.event = event
        self.host = host
        self.stack = stack
        self.commit = commit
        self.revision = revision
        self.changes = changes
        self.error = error
        self.diagnostics = diagnostics
        self.time = time
    }
}
