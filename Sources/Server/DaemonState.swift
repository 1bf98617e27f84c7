import Controller
import FoundationEssentials
import Store

/// What the daemon remembers between passes: the last reports, the refused commit, and the metrics.
public actor DaemonState {
    let source: String
    var metrics = DaemonMetrics()
    var lastReport: PassReport?
    var lastGoodReport: PassReport?
    var lastTriggers: [String] = []
    var invalidCommit: InvalidCommit?
    /// The newest commit, applied without the stacks it holds because of their errors.
    var heldCommit: InvalidCommit?
    var passCount = 0
    var passError: String?
    /// A pass has read a checkout (with `--git` the worktree exists before its files do: wait for this instead).
    private(set) var checkoutReady = false
    /// Outbound subscriptions by name (see DaemonState+Subscriptions).
    var subscriptions: [String: SubscriptionStatus] = [:]
    /// The forge poll, once `triggers.forge:` is read (see DaemonState+Forge).
    var forge: ForgeStatus?
    /// Open version updates as the last round found them.
    var versionUpdates: [VersionUpdateRecord] = []

    public init(source: String) {
        self.source = source
    }

    /// The last pass's report of `stack` on `host` (the status page's plan and services).
    func stackReport(host: String, stack: String) -> StackReport? {
        (lastGoodReport ?? lastReport)?.hosts.first { $0.host == host }?.stacks.first { $0.stack == stack }
    }

    /// Remembers a finished pass (public for `reconcile-bench status-page`, which fills a large daemon state).
    public func record(_ report: PassReport, triggers: [String]) {
        passCount += 1
        passError = nil
        metrics.record(report)
        lastReport = report
        lastTriggers = triggers
        if report.diagnostics.isEmpty {
            lastGoodReport = report
        }
    }

    /// Counts a refused commit once, however many passes see it; true when it is new.
    func recordInvalid(_ invalid: InvalidCommit) -> Bool {
        remember(invalid, in: &invalidCommit)
    }

    /// Stores `commit` in `slot` and counts it when its commit or errors differ from what was there.
    private func remember(_ commit: InvalidCommit, in slot: inout InvalidCommit?) -> Bool {
        let isNew = slot?.commit != commit.commit || slot?.errors != commit.errors
        slot = commit
        if isNew { metrics.recordInvalidCommit() }
        return isNew
    }

    func markCheckoutReady() { checkoutReady = true }

    /// A newer commit loaded: the refusal no longer describes the head.
    func clearInvalid() { invalidCommit = nil }

    /// Remembers the stacks the head holds; true when the commit or its errors are new, so it is notified once.
    func recordHeld(_ held: InvalidCommit) -> Bool {
        remember(held, in: &heldCommit)
    }

    /// A commit without errors loaded: nothing is held any more.
    func clearHeld() { heldCommit = nil }

    /// A pass that threw before producing a report: counted as a failure and shown in the status.
    func recordPassError(_ error: any Error) {
        passError = "\(error)"
        metrics.passes["error", default: 0] += 1
    }

    func recordWebhook(endpoint: String, result: String) {
        metrics.recordWebhook(endpoint: endpoint, result: result)
    }

    public func metricsText() -> String {
        metrics.render() + DaemonMetrics.render(subscriptions: subscriptionStatuses()) + metrics.renderForge()
    }

    /// `/api/status` as its route sends it: pretty JSON, sorted keys, ISO 8601 dates.
    public func statusJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(status()) + Data("\n".utf8)
    }

    public func status() -> DaemonStatus {
        let last = lastReport.map { report in
            DaemonStatus.LastPass(startedAt: report.startedAt, finishedAt: report.finishedAt,
                                  outcome: !report.diagnostics.isEmpty ? .invalid : report.succeeded ? .success : .failure,
                                  commit: report.commit, triggers: lastTriggers)
        }
        return DaemonStatus(source: source, commit: lastGoodReport?.commit, lastPass: last, passes: passCount,
                            hosts: lastGoodReport.map(DaemonStatus.hosts(from:)) ?? [],
                            lastLoadErrors: invalidCommit?.errors ?? lastReport?.diagnostics ?? [],
                            invalidCommit: invalidCommit, lastPassError: passError,
                            subscriptions: subscriptionStatuses(), forge: forge,
                            heldStacks: (heldCommit?.heldStacks ?? [:]).sorted { $0.key < $1.key }
                                .map { DaemonStatus.HeldStack(stack: $0.key, error: $0.value) },
                            updates: versionUpdates)
    }

    func recordVersionUpdates(_ open: [VersionUpdateRecord]) { versionUpdates = open }
}
