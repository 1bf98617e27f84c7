/// The last line of a pass: what happened, host by host — never "in sync" for a host that was not seen.
extension PassReport {
    /// `1 host unreachable (nas), 2 stacks changed on iot`; `in sync: nothing changed` only when every host
    /// was seen and nothing changed on any.
    public var summary: String {
        guard !hosts.isEmpty else { return "no hosts selected: nothing to do" }
        var parts: [String] = []
        let held = Set(heldStacks ?? []).sorted()
        if !held.isEmpty { parts.append("\(Self.count(held.count, "stack")) with errors held (\(held.joined(separator: ", ")))") }
        let unreachable = hosts.filter { $0.error != nil && !$0.reachable }.map(\.host)
        if !unreachable.isEmpty { parts.append("\(Self.count(unreachable.count, "host")) unreachable (\(unreachable.joined(separator: ", ")))") }
        let failed = hosts.filter { $0.error != nil && $0.reachable }.map(\.host)
        if !failed.isEmpty { parts.append("\(Self.count(failed.count, "host")) failed (\(failed.joined(separator: ", ")))") }
        var quiet: [String] = []
        for host in hosts where host.error == nil {
            let before = parts.count
            let changed = host.stacks.filter { $0.hasChanges && [.applied, .planned].contains($0.outcome) }
            if !changed.isEmpty {
                parts.append("\(Self.count(changed.count, "stack")) \(mode == .plan ? "to change" : "changed") on \(host.host)")
            }
            for (outcome, words) in [(StackReport.Outcome.rolledBack, "rolled back"), (.failed, "failed"), (.blocked, "blocked"),
                                     (.pending, "waiting for a deploy window")] {
                let names = host.stacks.filter { $0.outcome == outcome }.map(\.stack)
                if !names.isEmpty {
                    parts.append("\(Self.count(names.count, "stack")) \(words) on \(host.host) (\(names.joined(separator: ", ")))")
                }
            }
            // A host where a stack is held is not in sync; the held stacks are named once, first.
            if parts.count == before, !host.stacks.contains(where: { $0.outcome == .held }) { quiet.append(host.host) }
        }
        if parts.isEmpty { return mode == .plan ? "in sync: nothing to do" : "in sync: nothing changed" }
        if !quiet.isEmpty { parts.append("in sync on \(quiet.joined(separator: ", "))") }
        return parts.joined(separator: ", ")
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
