import Docker
import Planner
import FoundationEssentials
import Spec
import Store

/// `reconcile status`: per host, reachable or not; per stack, in sync, drifted or failed, with its last revision.
public struct StatusReport: Sendable, Codable, TextRenderable {
    public struct HostStatus: Sendable, Codable {
        public var host: String
        public var endpoint: String
        public var reachable: Bool
        public var engineVersion: String?
        /// The Engine API version reconcile addresses this engine as (negotiated).
        public var apiVersion: String?
        public var error: String?
        /// How reconcile reaches the engine: `unix`, `tcp+tls`, `tcp`, or `ssh (control master)`.
        public var transport: String?
        /// For `ssh://` hosts: the pinned host key the connection was checked against.
        public var hostKey: String?
        public var stacks: [StackStatus]
        /// Stacks another repository owns here: shown, never touched.
        public var foreign: [ForeignStack]?
    }

    public struct StackStatus: Sendable, Codable {
        public enum State: String, Sendable, Codable {
            case inSync = "in-sync", drifted, failed, blocked, pending
            /// The repo has errors in this stack: its containers run on as they are until they are fixed.
            case held
        }

        public var stack: String
        public var state: State
        /// `recreate site`, … what a pass would do now.
        public var pending: [String]
        public var lastRevision: Int64?
        public var lastOutcome: String?
        public var lastChange: Date?
        /// For `pending`: when the deploy window opens, and which window holds the change.
        public var pendingUntil: Date?
        public var windowReason: String?
    }

    public var commit: String?
    public var diagnostics: [String]
    public var hosts: [HostStatus]
    /// Errors of the stacks held because of them (the other stacks are applied); nil when none.
    public var heldStackErrors: [String]?

    public var healthy: Bool {
        diagnostics.isEmpty && (heldStackErrors ?? []).isEmpty && hosts.allSatisfy { $0.reachable && $0.error == nil && $0.stacks.allSatisfy { [.inSync, .pending].contains($0.state) } }
    }

    public func renderText() -> String {
        var out = diagnostics.isEmpty ? "" : diagnostics.joined(separator: "\n") + "\nthe repo has errors: nothing is applied until they are fixed\n"
        if let held = heldStackErrors, !held.isEmpty {
            out += held.joined(separator: "\n") + "\nthe repo has errors in some stacks: they are held as they run until fixed\n"
        }
        for host in hosts {
            out += "\(host.host) (\(host.endpoint)): "
            out += host.reachable ? "up" + (host.engineVersion.map { ", Docker \($0)" } ?? "")
                + (host.apiVersion.map { ", API \($0)" } ?? "") : "unreachable"
            out += host.error.map { ": \($0)" } ?? ""
            out += "\n"
            // Said for ssh only: unix and tcp show in the endpoint already.
            if let transport = host.transport, transport.hasPrefix("ssh") {
                out += "  transport: \(transport)" + (host.hostKey.map { ", host key \($0)" } ?? "") + "\n"
            }
            for s in host.stacks {
                out += "  \(s.stack): \(s.state.rawValue)"
                if !s.pending.isEmpty { out += " (\(s.pending.joined(separator: ", ")))" }
                if let reason = s.windowReason { out += " — \(reason)" }
                if let id = s.lastRevision { out += "; last revision \(id) \(s.lastOutcome ?? "")" }
                out += "\n"
            }
            for foreign in host.foreign ?? [] { out += foreign.renderText() }
        }
        return out
    }
}

extension Controller {
    /// Plans every host (changing nothing) and joins what it finds with the last recorded revisions.
    public func status() async throws -> StatusReport {
        let plan = try await self.plan()
        let store = try openStore()
        let repository = load().repository
        var hosts: [StatusReport.HostStatus] = []
        for host in plan.hosts {
            // The engine's release and API version come from the plan's own ping: no second connection.
            var status = StatusReport.HostStatus(host: host.host, endpoint: host.endpoint, reachable: host.reachable,
                                                 engineVersion: host.engineVersion, apiVersion: host.apiVersion,
                                                 error: host.error, stacks: [], foreign: host.foreign)
            if let spec = repository?.host(named: host.host) {
                status.transport = Self.transport(spec)
                if let tunnel = try? HostConnection.sshTunnel(spec, settings: settings) {
                    status.hostKey = await tunnel.pinnedFingerprint()
                }
            }
            for stack in host.stacks {
                let last = try await store.latestRevision(host: host.host, stack: stack.stack)
                let pending = stack.actions.filter { $0.kind != "keep" }.map { "\($0.kind) \($0.service)" }
                let lastFailed = last.map { $0.revision.outcome != .applied } ?? false
                let state: StatusReport.StackStatus.State =
                    stack.outcome == .held ? .held : stack.outcome == .blocked ? .blocked : pending.isEmpty ? .inSync : lastFailed ? .failed
                    : stack.outcome == .pending ? .pending : .drifted
                status.stacks.append(.init(stack: stack.stack, state: state, pending: pending, lastRevision: last?.id,
                                           lastOutcome: last?.revision.outcome.rawValue, lastChange: last?.revision.finishedAt,
                                           pendingUntil: stack.pendingUntil, windowReason: stack.windowReason))
            }
            hosts.append(status)
        }
        return StatusReport(commit: plan.commit, diagnostics: plan.diagnostics, hosts: hosts, heldStackErrors: plan.heldStackErrors)
    }

    static func transport(_ host: HostSpec) -> String {
        if host.endpoint.hasPrefix("ssh://") { return "ssh (control master, socket \(host.ssh?.socket ?? "/var/run/docker.sock"))" }
        if host.endpoint.hasPrefix("tcp://") { return host.tls == nil ? "tcp (no TLS)" : "tcp+tls (mutual)" }
        return "unix"
    }
}
