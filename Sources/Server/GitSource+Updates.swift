import FoundationEssentials

extension GitSource {
    /// A clone of its own, `<state>/updates`, with `branch` checked out: version updates are committed and pushed
    /// from here, never from the checkouts passes read. Moved to the remote head unless it holds commits that
    /// still have to be pushed (those are replayed on the remote head when pushed).
    /// - Throws: `DaemonError.git` when the remote cannot be reached; the update then waits for the next round.
    public func updatesCheckout() async throws -> URL {
        let directory = checkout.deletingLastPathComponent().appendingPathComponent("updates")
        if !FileManager.default.fileExists(atPath: directory.appendingPathComponent(".git").path) {
            try await git.run(["clone", "--quiet", "--branch", branch, url, directory.path])
        }
        try await git.run(["fetch", "--quiet", "origin", branch], in: directory)
        let unpushed = try await git.run(["rev-list", "FETCH_HEAD..HEAD"], in: directory)
        if unpushed.isEmpty {
            try await git.run(["checkout", "--quiet", "-B", branch, "FETCH_HEAD"], in: directory)
        }
        return directory
    }
}
