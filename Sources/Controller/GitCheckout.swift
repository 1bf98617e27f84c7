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

    /// `HEAD`'s full hash, with `+dirty` when tracked files have uncommitted changes; nil outside git.
    public func describeHead() -> String? {
        guard let head = run(["rev-parse", "--verify", "HEAD"])?.trimmingWhitespaceAndNewlines(),
              !head.isEmpty else { return nil }
        let dirty = run(["status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false
        return dirty ? head + "+dirty" : head
    }

    func run(_ arguments: [String]) -> String? {
        let git = ChildProcess(executable: "/usr/bin/env", arguments: ["git", "-C", directory.path] + arguments)
        guard let result = try? git.run(), result.status == 0 else { return nil }
        return String(decoding: result.standardOutput, as: UTF8.self)
    }
}
