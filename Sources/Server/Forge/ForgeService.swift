import Controller
import FoundationEssentials
import Logging
import ServiceLifecycle

/// Runs `triggers.forge:` once the first good checkout is there: polls the branch head and, with `statuses: true`,
/// hands the reconcile loop a reporter for commit statuses. Read once, like the subscriptions: a change to
/// `triggers.forge:` takes effect when the daemon restarts.
struct ForgeService: Service {
    let source: any RepositorySource
    let state: DaemonState
    let queue: TriggerQueue
    /// The daemon's branch, followed when `forge.branch` is not set.
    let branch: String?
    let slot: ForgeSlot
    let clock: any Clock<Duration>
    let logger: Logger

    func run() async throws {
        await runUntilShutdown { await runForge() }
    }

    func runForge() async {
        guard let directory = await state.firstCheckout(of: source),
              let config = TriggerConfig.load(repository: directory).config.forge else { return }
        let client = ForgeClient(config: config, branch: config.branch ?? branch ?? "main")
        if config.statuses {
            let reporter = CommitStatusReporter(client: client, state: state, logger: logger)
            await slot.set(reporter)
            // The pass that produced the first checkout ran before the reporter existed.
            if let report = await state.lastReport { await reporter.report(report) }
        }
        guard source is GitSource else {
            // A local checkout is read as it is: a new head at the forge changes nothing here until it is pulled.
            logger.warning("triggers.forge: polling needs --git; only commit statuses are posted",
                           metadata: ["forge": .string(config.name)])
            return
        }
        logger.info("polling the forge", metadata: ["forge": .string(config.name), "git.branch": .string(client.branch),
                                                    "interval": .stringConvertible(config.interval)])
        await slot.startPolling()
        await state.forgeStarted(config.name, branch: client.branch)
        let source = source
        let poller = ForgePoller(client: client, queue: queue, state: state, logger: logger, checkedOut: {
            guard let directory = await source.passDirectory() else { return nil }
            return await GitCheckout(directory: directory).describeHead()
        })
        while !Task.isCancelled {
            let wait = await poller.poll()
            do { try await clock.sleep(for: wait) } catch { return }
        }
    }
}

/// What the rest of the daemon needs to know of `triggers.forge:` once it has been read: the reporter the reconcile
/// loop hands each pass to, and whether the forge is polled (the `git ls-remote` poll then stands down).
actor ForgeSlot {
    private(set) var reporter: CommitStatusReporter?
    private(set) var polling = false
    func set(_ reporter: CommitStatusReporter) { self.reporter = reporter }
    func startPolling() { polling = true }
}
