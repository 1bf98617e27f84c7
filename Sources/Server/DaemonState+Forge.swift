import Controller
import FoundationEssentials

extension DaemonState {
    /// The first good checkout, once a pass has read it; nil when the daemon stops before that.
    func firstCheckout(of source: any RepositorySource) async -> URL? {
        while !Task.isCancelled {
            if checkoutReady, let directory = await source.passDirectory() { return directory }
            // Real time, not the injected clock: a readiness poll is no timer a test should have to advance.
            do { try await Task.sleep(for: .milliseconds(100)) } catch { return nil }
        }
        return nil
    }

    func forgeStarted(_ name: String, branch: String) { forge = ForgeStatus(name: name, branch: branch) }

    /// One forge head request: `changed`, `unchanged`, `not_modified`, `rate_limited` or `error`.
    func recordForgePoll(_ result: String, head: String? = nil, error: String? = nil, nextPoll: Date? = nil,
                         at time: Date = Date()) {
        metrics.forgePolls[result, default: 0] += 1
        forge?.head = head ?? forge?.head
        forge?.lastPollAt = time
        forge?.lastResult = result
        forge?.lastError = error
        forge?.nextPollAt = nextPoll
    }

    /// One commit status: `posted` or `failed`.
    func recordCommitStatus(_ result: String) { metrics.commitStatuses[result, default: 0] += 1 }

    /// The hosts the last good pass worked on, for statuses about a commit that never reached them.
    var knownHosts: [String] { lastGoodReport?.hosts.map(\.host) ?? [] }
}
