import Planner

/// The terminal form of a pass: one block per host, changes listed with their reasons, in-sync stacks on one line.
extension PassReport: TextRenderable {
    public func renderText() -> String {
        var out = ""
        if !diagnostics.isEmpty {
            out += diagnostics.joined(separator: "\n") + "\n"
            out += "\(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s"); nothing was \(mode == .plan ? "planned" : "applied")\n"
            return out
        }
        if let held = heldStackErrors, !held.isEmpty {
            out += held.joined(separator: "\n") + "\n"
            out += "\(held.count) error\(held.count == 1 ? "" : "s"); nothing of \((heldStacks ?? []).joined(separator: ", ")) was "
                + "\(mode == .plan ? "planned" : "applied"); the other stacks go on\n"
        }
        for host in hosts {
            out += "\(host.host) (\(host.endpoint))"
            if let error = host.error {
                out += ": \(host.reachable ? "failed" : "unreachable"): \(error)\n"
                continue
            }
            out += "\n"
            if host.stacks.isEmpty { out += "  no stacks\n" }
            for stack in host.stacks { out += stack.renderText() }
            for foreign in host.foreign ?? [] { out += foreign.renderText() }
        }
        out += summary + "\n"
        return out
    }
}

extension StackReport {
    func renderText() -> String {
        let services = actions.count
        guard hasChanges || [.failed, .blocked, .held].contains(outcome) else {
            return "  \(stack): in sync (\(services) service\(services == 1 ? "" : "s"))\n"
        }
        var out = "  \(stack): \(outcome.rawValue)"
        if outcome == .pending, let windowReason { out += " — \(windowReason)" }
        if let revision { out += " (revision \(revision))" }
        if let error { out += ": \(error)" }
        out += "\n"
        for action in actions where action.kind != "keep" || !action.reasons.isEmpty {
            out += "    \(Self.symbol(action.kind)) \(action.kind) \(action.service)"
            if let container = action.container, container != action.service { out += " (\(container))" }
            if !action.reasons.isEmpty { out += ": " + action.reasons.joined(separator: "; ") }
            if let outcome = action.outcome, outcome != .done { out += " [\(outcome.rawValue)]" }
            if let error = action.error { out += "\n      error: \(error)" }
            out += "\n"
        }
        for folder in hostData ?? [] { out += "    host data: \(folder)\n" }
        for note in notes ?? [] { out += "    note: \(note)\n" }
        return out
    }

    static func symbol(_ kind: String) -> String {
        switch kind {
        case "create", "pull": return "+"
        case "remove": return "-"
        case "recreate", "start", "cleanup": return "~"
        case "blocked": return "!"
        default: return "="
        }
    }
}

extension ForeignStack {
    /// One line: whose it is, and that this repository leaves it alone.
    func renderText() -> String {
        "  \(stack): owned by \(owner); never touched from this repository "
            + "(\(containers.count) container\(containers.count == 1 ? "" : "s"))\n"
    }
}
