/// What `reconcile rollback` did on each host, for the terminal and `--output json`.
public struct RollbackReport: Sendable, Codable, TextRenderable {
    /// One stack on one host.
    public struct HostResult: Sendable, Codable {
        public var host: String
        public var stack: String
        /// The revision returned to; nil when none could be chosen.
        public var target: Int64?
        /// The revision this rollback was recorded as (trigger `rollback`).
        public var revision: Int64?
        public var outcome: StackReport.Outcome
        public var actions: [ActionReport]
        /// Service → the repo's current config hash, held back so the next pass keeps the rollback.
        public var heldBack: [String: String]
        public var healthLog: [String]
        public var error: String?

        public var succeeded: Bool { error == nil && [.applied, .inSync].contains(outcome) }
    }

    public var stack: String
    public var results: [HostResult]

    public var succeeded: Bool { !results.isEmpty && results.allSatisfy(\.succeeded) }

    public func renderText() -> String {
        var out = ""
        for r in results {
            let target = r.target.map { "revision \($0)" } ?? "an earlier revision"
            switch r.outcome {
            case .applied, .inSync:
                out += "\(r.host)/\(r.stack): rolled back to \(target)"
            case .rolledBack:
                out += "\(r.host)/\(r.stack): \(target) failed its health gate; the current containers were put back"
            default:
                out += "\(r.host)/\(r.stack): rollback to \(target) failed"
            }
            out += r.revision.map { " (recorded as revision \($0))\n" } ?? "\n"
            for a in r.actions {
                out += "  \(a.kind) \(a.service)\(a.container.map { " (\($0))" } ?? "")"
                out += a.reasons.isEmpty ? "" : ": " + a.reasons.joined(separator: "; ")
                out += a.outcome.map { " [\($0.rawValue)]\n" } ?? "\n"
                if let e = a.error { out += "    error: \(e)\n" }
            }
            for (service, hash) in r.heldBack.sorted(by: { $0.key < $1.key }) {
                out += "  \(service): the repo's config (\(hash.prefix(19))) is held back until the repo changes "
                    + "or `reconcile apply --retry \(r.stack)`\n"
            }
            if !r.healthLog.isEmpty { out += "  health log:\n" + r.healthLog.map { "    \($0)\n" }.joined() }
            if let error = r.error { out += "  error: \(error)\n" }
        }
        return out.isEmpty ? "\(stack): nothing to roll back\n" : out
    }
}
