import Controller
import FoundationEssentials
import Store

/// `GET /api/status`: what the daemon applied last and what it refused, from memory (no host is contacted).
public struct DaemonStatus: Sendable, Codable {
    public struct LastPass: Sendable, Codable {
        /// How the pass ended; the raw values are the JSON.
        public enum Outcome: String, Sendable, Codable, CaseIterable {
            case success
            /// A stack failed, rolled back or was blocked, or a host was unreachable.
            case failure
            /// The commit did not load (`lastLoadErrors` says why).
            case invalid
        }

        public var startedAt: Date
        public var finishedAt: Date
        public var outcome: Outcome
        public var commit: String?
        public var triggers: [String]
    }

    public struct HostState: Sendable, Codable {
        public var host: String
        public var reachable: Bool
        public var error: String?
        public var stacks: [StackState]
        public var vlan: String?
        public var apiVersion: String?
        /// The engine's release, from the pass's ping (`Server: Docker/20.10.24 (linux)`).
        public var engineVersion: String?
    }

    public struct StackState: Sendable, Codable {
        public var stack: String
        public var state: StackCondition
        public var lastRevision: Int64?
        public var outcome: StackReport.Outcome
        public var error: String?
        /// For `pending`: when its deploy window opens, and which window holds it.
        public var pendingUntil: Date?
        public var windowReason: String?
    }

    public var source: String
    /// The commit the hosts were last brought to (by a pass with no load errors).
    public var commit: String?
    public var lastPass: LastPass?
    public var passes: Int
    public var hosts: [HostState]
    /// Load errors of the newest commit when it was refused; empty when it loads.
    public var lastLoadErrors: [String]
    public var invalidCommit: InvalidCommit?
    /// Why the last pass could not run at all (store unreadable, …); nil once a pass runs again.
    public var lastPassError: String?
    /// Outbound trigger subscriptions (ntfy, MQTT) and what each has heard.
    public var subscriptions: [SubscriptionStatus] = []
    /// The forge poll (`triggers.forge:`); nil when none is configured.
    public var forge: ForgeStatus?
    /// Stacks of the current commit held because of their errors, each with its first; their containers run on.
    public var heldStacks: [HeldStack] = []
    /// Version updates waiting for approval, only told about, or committed and still to be pushed (issue 19).
    public var updates: [VersionUpdateRecord] = []

    /// A stack the repo holds: nothing of it is applied until its errors are fixed.
    public struct HeldStack: Sendable, Codable, Equatable {
        public var stack: String
        /// The first error, `file:line:col: error: message`.
        public var error: String
    }

    static func hosts(from report: PassReport) -> [HostState] {
        report.hosts.map { host in
            HostState(host: host.host, reachable: host.reachable, error: host.error, stacks: host.stacks.map { stack in
                StackState(stack: stack.stack, state: StackCondition(stack.outcome), lastRevision: stack.revision,
                           outcome: stack.outcome, error: stack.error, pendingUntil: stack.pendingUntil,
                           windowReason: stack.windowReason)
            }, vlan: host.vlan, apiVersion: host.apiVersion,
                      engineVersion: host.engineVersion)
        }
    }
}
