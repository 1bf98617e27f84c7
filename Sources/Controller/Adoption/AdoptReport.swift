/// What `reconcile adopt` found on a host and wrote into the repository.
public struct AdoptReport: Sendable, Codable {
    public struct Stack: Sendable, Codable {
        public var stack: String
        /// The Compose project; nil for a container started by hand.
        public var project: String?
        /// `original <path>` or `reconstructed from docker inspect`; nil when nothing was written.
        public var source: String?
        public var containers: [String]
        /// What a person should know: what was not carried over, where host data lives.
        public var notes: [String]
        /// Why nothing was written for it.
        public var refused: String?
    }

    public var host: String
    public var stacks: [Stack]
    /// The host file that now places the adopted stacks.
    public var hostFile: String?

    public var succeeded: Bool { stacks.allSatisfy { $0.refused == nil } }
}

extension AdoptReport: TextRenderable {
    public func renderText() -> String {
        var out = ""
        for stack in stacks {
            let what = stack.project.map { "compose project \($0)" } ?? "container started by hand"
            if let refused = stack.refused {
                out += "! \(stack.stack) (\(what)): not adopted: \(refused)\n"
                continue
            }
            out += "+ \(stack.stack) (\(what)): stacks/\(stack.stack)/compose.yaml, \(stack.source ?? "")\n"
            out += "    containers: \(stack.containers.joined(separator: ", "))\n"
            for note in stack.notes { out += "    note: \(note)\n" }
        }
        let written = stacks.filter { $0.refused == nil }.count
        if stacks.isEmpty { out += "nothing to adopt on \(host): every container there is managed already\n" }
        out += "\(written) stack\(written == 1 ? "" : "s") adopted from \(host)"
        if let hostFile, written > 0 { out += ", placed in \(hostFile)" }
        out += "; nothing was stopped. Next: `reconcile plan` shows what the first pass takes over and what it replaces\n"
        return out
    }
}
