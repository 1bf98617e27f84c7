import Basics
import FoundationEssentials
import Logging
import Spec

/// `--git URL`: a clone in `<state>/checkout` where each fetched commit is checked out and validated, and a
/// worktree `<state>/live` of the same clone that only moves to a commit whose errors, if any, all belong to stacks.
///
/// Passes read `live`, so a bad push never reaches the hosts: they stay on the last good commit, or, when only
/// some stacks are broken, get the rest of the new one while those stacks are held as they run.
public actor GitSource: RepositorySource {
    public nonisolated let url: String
    public nonisolated let branch: String
    let checkout: URL
    let live: URL
    let environment: [String: String]
    let git = GitRunner()
    let logger: Logger
    /// The last remote head that was fetched and judged (good or bad).
    var judged: String?

    public init(url: String, branch: String, stateDirectory: URL, environment: [String: String], logger: Logger) {
        self.url = url
        self.branch = branch
        self.checkout = stateDirectory.appendingPathComponent("checkout")
        self.live = stateDirectory.appendingPathComponent("live")
        self.environment = environment
        self.logger = logger
    }

    /// The URL without its credentials (`https://user:token@…` shows as `https://…`), as status and logs show it.
    public nonisolated var label: String { "\(URLCredentials.strip(url)) (\(branch))" }

    public func passDirectory() async -> URL? {
        FileManager.default.fileExists(atPath: live.appendingPathComponent(".git").path) ? live : nil
    }

    public func remoteMoved() async throws -> Bool {
        try await remoteHead() != judged
    }

    /// The remote branch head by one `git ls-remote`.
    func remoteHead() async throws -> String? {
        let out = try await git.run(["ls-remote", url, "refs/heads/\(branch)"])
        return out.split(separator: "\t").first.map { String($0) }
    }

    public func update() async throws -> SourceUpdate {
        try await ensureClone()
        try await git.run(["fetch", "--quiet", "origin", "+refs/heads/\(branch):refs/remotes/origin/\(branch)"],
                          in: checkout)
        let head = try await git.run(["rev-parse", "--verify", "refs/remotes/origin/\(branch)^{commit}"], in: checkout)
            .trimmingWhitespaceAndNewlines()
        guard head != judged else { return .unchanged }
        judged = head
        try await git.run(["checkout", "--quiet", "--force", "--detach", head], in: checkout)
        let loaded = RepositoryLoader.load(root: checkout.path, environment: environment)
        guard loaded.hasErrors else {
            try await moveLive(to: head)
            return .updated(commit: head)
        }
        let judged = InvalidCommit.judging(loaded, commit: head)
        guard let held = judged.heldStacks else {
            logger.error("commit does not load; hosts stay on the last good commit",
                         metadata: ["git.commit": .string(head), "errors": .stringConvertible(judged.errors.count)])
            return .invalid(judged)
        }
        logger.error("commit has stacks with errors; they are held as they run, the others are applied",
                     metadata: ["git.commit": .string(head), "stacks.held": .string(held.keys.sorted().joined(separator: ", "))])
        try await moveLive(to: head)
        return .held(commit: head, judged)
    }

    func ensureClone() async throws {
        guard !FileManager.default.fileExists(atPath: checkout.appendingPathComponent(".git").path) else { return }
        try FileManager.default.createDirectory(at: checkout.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try await git.run(["clone", "--quiet", "--no-checkout", "--branch", branch, url, checkout.path])
    }

    func moveLive(to commit: String) async throws {
        if await passDirectory() == nil {
            try? FileManager.default.removeItem(at: live)
            try await git.run(["worktree", "prune"], in: checkout)
            try await git.run(["worktree", "add", "--quiet", "--detach", live.path, commit], in: checkout)
        } else {
            try await git.run(["checkout", "--quiet", "--force", "--detach", commit], in: live)
        }
        logger.info("checkout moved", metadata: ["git.commit": .string(commit)])
    }
}
