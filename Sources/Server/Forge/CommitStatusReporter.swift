import Basics
import Controller
import FoundationEssentials
import Logging

/// Tells the forge, per host, whether a commit deployed: `reconcile/<host>` `success` or `failure` on the commit,
/// with the rollout summary as description. A host's status is posted when its commit or state changes, so timer
/// passes on the same commit post nothing. A failed post is logged and counted; it never touches the pass.
actor CommitStatusReporter {
    let client: ForgeClient
    let state: DaemonState
    let logger: Logger
    /// Forges cut longer descriptions (GitHub refuses them).
    static let descriptionLimit = 140

    /// What was last posted per host.
    private var posted: [String: Posted] = [:]

    struct Posted: Equatable {
        var commit: String
        var state: ForgeClient.CommitState
    }

    init(client: ForgeClient, state: DaemonState, logger: Logger) {
        self.client = client
        self.state = state
        self.logger = logger
    }

    /// After a pass: one status per host that changed, for the commit the pass applied.
    func report(_ report: PassReport) async {
        guard report.mode == .apply, report.diagnostics.isEmpty, let commit = Self.postable(report.commit) else { return }
        for host in report.hosts {
            await post(host: host.host, commit: commit, state: host.succeeded ? .success : .failure,
                       description: Self.summary(of: host))
        }
    }

    /// A commit that does not load: `failure` for every host, since none of them will get it.
    func report(_ invalid: InvalidCommit, hosts: [String]) async {
        guard let commit = Self.postable(invalid.commit) else { return }
        let first = invalid.errors.first ?? "load errors"
        for host in hosts {
            await post(host: host, commit: commit, state: .failure, description: "not deployed, the commit does not load: \(first)")
        }
    }

    private func post(host: String, commit: String, state status: ForgeClient.CommitState, description: String) async {
        let entry = Posted(commit: commit, state: status)
        guard posted[host] != entry else { return }
        do {
            try await client.postStatus(commit: commit, context: "reconcile/\(host)", state: status,
                                        description: Self.truncated(description))
            posted[host] = entry
            await state.recordCommitStatus("posted")
        } catch {
            await state.recordCommitStatus("failed")
            logger.warning("commit status not posted", metadata: [
                "forge": .string(client.config.name), "host": .string(host), "git.commit": .string(commit),
                "error": .string("\(error)"),
            ])
        }
    }

    /// A full commit sha, or nil for a local checkout's `…+dirty` or a directory path.
    static func postable(_ commit: String?) -> String? {
        guard let commit, (7...64).contains(commit.count), commit.allSatisfy(\.isHexDigit) else { return nil }
        return commit
    }

    /// `nas: 2 applied, 5 in sync, 1 rolled back (web)`: what a person checking the push wants to see.
    static func summary(of host: HostReport) -> String {
        if let error = host.error { return "\(host.host): not reached: \(error)" }
        var counts: [(StackReport.Outcome, Int)] = []
        for outcome in [StackReport.Outcome.applied, .inSync, .pending, .rolledBack, .failed, .blocked] {
            let n = host.stacks.filter { $0.outcome == outcome }.count
            if n > 0 { counts.append((outcome, n)) }
        }
        var text = "\(host.host): " + (counts.isEmpty ? "no stacks"
            : counts.map { "\($0.1) \($0.0.rawValue.replacingEvery("-", with: " "))" }.joined(separator: ", "))
        let broken = host.stacks.filter { [.failed, .rolledBack, .blocked].contains($0.outcome) }.map(\.stack)
        if !broken.isEmpty { text += " (\(broken.joined(separator: ", ")))" }
        return text
    }

    static func truncated(_ text: String) -> String {
        guard text.count > descriptionLimit else { return text }
        return String(text.prefix(descriptionLimit - 1)) + "…"
    }
}
