import Basics
import FoundationEssentials

/// Reads which commit a checkout is at, so every revision can name it.
///
/// Runs the `git` binary: it is the boundary users already trust for
/// credentials and hooks. A folder that is not a git checkout has no commit.
public struct GitCheckout: Sendable {
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// A local checkout answers in milliseconds; one that does not (a hung file system) must not hold a pass.
    static let timeout = Duration.seconds(30)

    /// `HEAD`'s full hash, with `+dirty` when tracked files have uncommitted changes; nil outside git.
    /// Runs git off the cooperative pool.
    public func describeHead() async -> String? {
        guard let head = await run(["rev-parse", "--verify", "HEAD"])?.trimmingWhitespaceAndNewlines(),
              !head.isEmpty else { return nil }
        let dirty = await run(["status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false
        return dirty ? head + "+dirty" : head
    }

    /// Git's output, or nil: outside git, a failing git, or one stopped by the time limit all mean "no commit".
    func run(_ arguments: [String]) async -> String? {
        let git = ChildProcess(executable: "/usr/bin/env", arguments: ["git", "-C", directory.path] + arguments)
        guard let result = try? await git.runOffPool(timeout: Self.timeout), result.status == 0 else { return nil }
        return String(decoding: result.standardOutput, as: UTF8.self)
    }
}
