import FoundationEssentials
import Planner

/// Anything a command prints: JSON through Codable, text through this.
public protocol TextRenderable {
    func renderText() -> String
}

/// What one pass (or one plan) found and did, host by host.
public struct PassReport: Sendable, Codable {
    public enum Mode: String, Sendable, Codable { case plan, apply }

    public var mode: Mode
    public var commit: String?
    public var startedAt: Date
    public var finishedAt: Date
    /// Rendered load errors; when present nothing was planned or applied.
    public var diagnostics: [String]
    /// Stacks the repo holds because of their errors; nil when none.
    public var heldStacks: [String]?
    /// Rendered errors of the held stacks; the other stacks were planned or applied.
    public var heldStackErrors: [String]?
    public var hosts: [HostReport]
    /// The repository identity this pass acted for (`reconcile.repository`); nil when the checkout has none.
    public var repository: String?

    public init(mode: Mode, commit: String?, startedAt: Date, finishedAt: Date, diagnostics: [String],
                hosts: [HostReport], repository: String? = nil) {
        self.mode = mode
        self.commit = commit
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.diagnostics = diagnostics
        self.hosts = hosts
        self.repository = repository
    }

    /// The earliest moment a pending change may be applied; the daemon wakes then.
    public var nextWindowOpens: Date? {
        hosts.flatMap(\.stacks).compactMap(\.pendingUntil).min()
    }

    /// A held stack is not in sync: a pass that held one did not succeed.
    public var succeeded: Bool { diagnostics.isEmpty && (heldStackErrors ?? []).isEmpty && hosts.allSatisfy(\.succeeded) }
    public var hasChanges: Bool { hosts.contains { $0.stacks.contains { $0.hasChanges } } }
}

/// One host's part of a pass.
public struct HostReport: Sendable, Codable {
    public var host: String
    public var endpoint: String
    public var reachable: Bool
    /// Why the host could not be worked on (unreachable, refused configuration, …).
    public var error: String?
    public var stacks: [StackReport]
    /// Engine API requests this pass sent to the host.
    public var requests: Int
    /// Stacks on this host that belong to another repository: shown, never touched.
    public var foreign: [ForeignStack]?
    /// The host's `vlan:` in hosts/<host>.yaml, for the status page.
    public var vlan: String?
    /// The Engine API version agreed with this engine (known from the pass's own ping: no extra request).
    public var apiVersion: String?
    /// The engine's release (`20.10.24`), from the `Server` header of that same ping.
    public var engineVersion: String?

    public var succeeded: Bool { error == nil && (stacks.allSatisfy { ![.failed, .blocked, .rolledBack, .held].contains($0.outcome) }) }
}

/// One stack on one host.
public struct StackReport: Sendable, Codable {
    public enum Outcome: String, Sendable, Codable {
        /// Nothing to do.
        case inSync = "in-sync"
        /// `plan`: these actions would run.
        case planned
        case applied
        /// A service failed its health gate and the previous container was put back.
        case rolledBack = "rolled-back"
        case failed
        /// Refused before touching anything (name clash, held back).
        case blocked
        /// Changes wait for a deploy window; `pendingUntil` says when it opens.
        case pending
        /// The repo has errors in this stack (`error` is the first): nothing of it is planned or applied.
        case held
    }

    public var stack: String
    public var outcome: Outcome
    public var revision: Int64?
    public var actions: [ActionReport]
    public var error: String?
    /// For `pending`: when the next window opens (nil: none within a year).
    public var pendingUntil: Date?
    /// For `pending`: the window that holds the change, in words.
    public var windowReason: String?
    /// What else a person should know: networks removed with a departed stack, orphaned volumes kept.
    public var notes: [String]?
    /// For `plan`: each host-data folder on this host, `<host path> (<service>:<target>)`; never shipped or deleted.
    public var hostData: [String]?

    public var hasChanges: Bool { actions.contains { $0.kind != "keep" } }
}

/// One action of a stack, with the planner's reasons and what became of it.
public struct ActionReport: Sendable, Codable {
    /// What became of the action, as commands print it: hyphenated like `StackReport.Outcome` (`rolled-back`),
    /// where the database stores `ActionOutcome` (`rolled_back`).
    public enum Outcome: String, Sendable, Codable, Hashable {
        case done
        case failed
        case skipped
        case blocked
        case rolledBack = "rolled-back"
    }

    public var kind: String
    public var service: String
    public var container: String?
    public var reasons: [String]
    /// Nil in a plan, and for actions that change nothing (`keep`).
    public var outcome: Outcome?
    public var error: String?
}
