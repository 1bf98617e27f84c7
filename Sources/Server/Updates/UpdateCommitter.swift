import Basics
import Controller
import FoundationEssentials
import Spec

/// Applies version updates as commits in a git work tree and pushes them to its remote. A push that is
/// refused or cannot reach the remote leaves the commit in place, to be pushed again later: never forced.
public struct UpdateCommitter: Sendable {
    /// The work tree: the repository root (`hosts/`, `stacks/`).
    public var checkout: URL
    public var remote: String
    /// The remote branch commits are pushed to.
    public var branch: String
    let git: GitRunner

    public init(checkout: URL, remote: String = "origin", branch: String, git: GitRunner = GitRunner(timeout: .seconds(120))) {
        self.checkout = checkout
        self.remote = remote
        self.branch = branch
        self.git = git
    }

    /// The branch `checkout` has checked out, to push to when none is configured.
    public static func currentBranch(of checkout: URL) async throws -> String {
        try await GitRunner(timeout: .seconds(30)).run(["rev-parse", "--abbrev-ref", "HEAD"], in: checkout)
            .trimmingWhitespaceAndNewlines()
    }

    /// Edits the tag where it is written and commits that file alone; returns the commit. Nothing is pushed.
    /// - Throws: `TagEditError` when the tag cannot be found or written, `DaemonError.git` when git fails.
    public func commit(_ update: VersionUpdate, stack: StackSpec) async throws -> String {
        let location = try TagLocator.locate(tag: update.current, service: update.service, stack: stack, root: checkout)
        try location.replace(with: update.candidate, root: checkout)
        let where_ = location.variable.map { "\(location.file) (\($0))" } ?? location.file
        let body = "Found by reconcile: \(update.stack)/\(update.service) follows `policy: semver`, "
            + "`mode: \(update.approval.rawValue)`; the tag is written in \(where_)."
        try await git.run(try await identity() + ["commit", "--quiet", "-m", update.summary, "-m", body, "--", location.file],
                          in: checkout)
        return try await git.run(["rev-parse", "HEAD"], in: checkout).trimmingWhitespaceAndNewlines()
    }

    /// Pushes `HEAD` to the remote branch. When the remote moved on, fetches it, replays the local commits on
    /// top (a conflict is aborted and reported) and tries once more.
    /// - Throws: `DaemonError.git` with git's words when the push still fails; the commits stay local.
    public func push() async throws {
        do {
            try await git.run(["push", "--quiet", remote, "HEAD:refs/heads/\(branch)"], in: checkout)
        } catch {
            try await git.run(["fetch", "--quiet", remote, branch], in: checkout)
            do {
                try await git.run(try await identity() + ["rebase", "--quiet", "FETCH_HEAD"], in: checkout)
            } catch {
                _ = try? await git.run(["rebase", "--abort"], in: checkout)  // best effort: the error below is what counts
                throw error
            }
            try await git.run(["push", "--quiet", remote, "HEAD:refs/heads/\(branch)"], in: checkout)
        }
    }

    /// `-c user.name=… -c user.email=…` when the checkout has no identity of its own (a daemon's clone).
    private func identity() async throws -> [String] {
        // `git config` exits 1 when the key is unset: that is the answer, not a failure.
        let configured = (try? await git.run(["config", "user.email"], in: checkout))?.trimmingWhitespaceAndNewlines() ?? ""
        return configured.isEmpty ? ["-c", "user.name=reconcile", "-c", "user.email=reconcile@localhost"] : []
    }
}
