import FoundationEssentials
import HTTP
import Logging
import Store

/// Asks the forge for the branch head with `If-None-Match`, so an unchanged branch costs a 304 and nothing against
/// the rate limit. A new head queues the same fetch-and-apply pass a git message does (coalesced with the rest).
/// Each poll returns how long to wait before the next one: the interval, or longer when the forge says so
/// (`Retry-After`, a spent `X-RateLimit-Remaining`) or when it fails (doubling up to five minutes).
actor ForgePoller {
    let client: ForgeClient
    let queue: TriggerQueue
    let state: DaemonState
    let logger: Logger
    /// The commit the checkout passes read is on; a first head equal to it needs no pass.
    let checkedOut: @Sendable () async -> String?
    let now: @Sendable () -> Date
    static let maximumErrorWait: Duration = .seconds(300)

    /// The ETag of the last 200, sent as `If-None-Match`.
    private(set) var etag: String?
    /// The head last seen; nil before the first answer.
    private(set) var head: String?
    private var errorWait: Duration?

    init(client: ForgeClient, queue: TriggerQueue, state: DaemonState, logger: Logger,
         checkedOut: @escaping @Sendable () async -> String?, now: @escaping @Sendable () -> Date = { Date() }) {
        self.checkedOut = checkedOut
        self.client = client
        self.queue = queue
        self.state = state
        self.logger = logger
        self.now = now
    }

    var interval: Duration { client.config.interval }

    /// One head request; returns the wait before the next.
    func poll() async -> Duration {
        let (result, wait, problem) = await ask()
        let seconds = Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18
        await state.recordForgePoll(result, head: head, error: problem, nextPoll: now().addingTimeInterval(seconds))
        return wait
    }

    /// The request and what came of it: the result counted in metrics, the wait, and what went wrong if anything.
    private func ask() async -> (result: String, wait: Duration, problem: String?) {
        do {
            let (answer, response) = try await client.head(etag: etag)
            errorWait = nil
            let asked = ForgeRateLimit.wait(status: response.status, headers: response.headers, now: now())
            let result: String
            switch answer {
            case .notModified:
                result = "not_modified"
            case .commit(let sha, let newTag):
                etag = newTag
                result = await seen(sha)
            }
            let held = asked.map { $0 > interval } ?? false
            return (held ? "rate_limited" : result, max(interval, asked ?? .zero), nil)
        } catch let error as ForgeError {
            if let response = error.response,
               let asked = ForgeRateLimit.wait(status: statusCode(error), headers: response.headers, now: now()) {
                logger.warning("forge rate limit reached; waiting", metadata: [
                    "forge": .string(client.config.name), "retry.in": .stringConvertible(asked),
                ])
                return ("rate_limited", max(interval, asked), "\(error)")
            }
            return failed(error)
        } catch {
            return failed(error)
        }
    }

    /// A head that differs from the one before queues a pass; the first one only when the checkout is not on it yet
    /// (the pass that made the checkout applies it, or already has).
    private func seen(_ sha: String) async -> String {
        defer { head = sha }
        guard sha != head else { return "unchanged" }
        if head == nil, await checkedOut() == sha { return "unchanged" }
        logger.info("forge reports a new head", metadata: ["forge": .string(client.config.name), "git.commit": .string(sha)])
        await queue.submit(Trigger(kind: .forge, detail: "git:\(sha)"))
        return "changed"
    }

    private func failed(_ error: any Error) -> (result: String, wait: Duration, problem: String?) {
        let wait = min((errorWait ?? interval / 2) * 2, Self.maximumErrorWait)
        errorWait = wait
        logger.warning("forge poll failed", metadata: [
            "forge": .string(client.config.name), "error": .string("\(error)"), "retry.in": .stringConvertible(wait),
        ])
        return ("error", max(interval, wait), "\(error)")
    }

    private func statusCode(_ error: ForgeError) -> Int {
        if case .status(let status) = error.kind { return status }
        return 0
    }
}
