import Controller
import FoundationEssentials
import Hummingbird
import Logging
import NIOCore
import Registry
import ServiceLifecycle
import Spec
import Store
import UnixSignals

/// `reconcile daemon`: the reconcile loop, the pass timer, the git poll and the HTTP listener in one ServiceGroup.
public struct Daemon: Sendable {
    public let settings: DaemonSettings
    public let source: any RepositorySource
    public let runner: any PassRunner
    /// Pushes to other branches are ignored by `/hooks/git`; nil accepts all (a local checkout).
    public let branch: String?
    public let queue = TriggerQueue()
    public let state: DaemonState
    /// Each pass's steps as they happen, for the status page's live view.
    public let events = LiveEvents()
    let store: Store?
    /// Follows tags in registries; nil turns polling off (webhooks still trigger passes).
    let watcher: RegistryWatcher?
    /// How often the watcher is asked what is due (each image still waits for its own interval).
    let registryTick: Duration
    let hooks: DaemonHooks
    let clock: any Clock<Duration>
    let logger: Logger

    public init(settings: DaemonSettings, source: any RepositorySource, runner: any PassRunner, branch: String?,
                store: Store?, watcher: RegistryWatcher? = nil, registryTick: Duration = .seconds(60),
                hooks: DaemonHooks = DaemonHooks(), clock: any Clock<Duration> = ContinuousClock(),
                logger: Logger) {
        self.watcher = watcher
        self.registryTick = registryTick
        self.settings = settings
        self.source = source
        self.runner = runner
        self.branch = branch
        self.store = store
        self.hooks = hooks
        self.clock = clock
        self.logger = logger
        self.state = DaemonState(source: source.label)
    }

    /// Runs until SIGTERM/SIGINT (or cancellation): the pass in progress finishes, then every service stops.
    public func run(signals: [UnixSignal] = [.sigterm, .sigint]) async throws {
        let group = ServiceGroup(configuration: .init(services: try await services().map { .init(service: $0) },
                                                      gracefulShutdownSignals: signals, logger: logger))
        try await group.run()
        logger.info("daemon stopped")
    }

    /// The services in start order; shutdown runs in reverse, so the listener closes before the loop ends.
    func services() async throws -> [any Service] {
        let queue = queue, source = source, runner = runner
        let deliveries = await DeliveryLog(capacity: settings.deliveryMemory, store: store)
        let replays = await ReplayGuard(store: store, logger: logger)
        let poll = watcher.map { RegistryPoll(watcher: $0, queue: queue, source: source, runner: runner, logger: logger) }
        var dispatch = TriggerDispatch(queue: queue, branch: branch, repository: {
            await source.passDirectory().flatMap { runner.load(repository: $0).repository }
        }, logger: logger)
        if let poll {
            dispatch.onImageNotice = { @Sendable notice in await poll.heard(notice) }
        }
        let verifiers = VerifierSlot()
        let handler = WebhookHandler(settings: settings, branch: branch, queue: queue, state: state,
                                     deliveries: deliveries, replays: replays, dispatch: dispatch,
                                     messages: { await verifiers.verifier }, logger: logger)
        let subscriptions = SubscriptionService(source: source, state: state, dispatch: dispatch, replays: replays,
                                                verifiers: verifiers, clock: clock, logger: logger)
        let forgeSlot = ForgeSlot()
        let loop = ReconcileLoop(queue: queue, state: state, source: source, runner: runner, hooks: hooks,
                                 alarm: WindowAlarm(queue: queue), forge: forgeSlot, events: events, logger: logger)
        let forge = ForgeService(source: source, state: state, queue: queue, branch: branch, slot: forgeSlot,
                                 clock: clock, logger: logger)
        await queue.submit(.startup)
        var services: [any Service] = [loop, subscriptions, forge]
        services.append(PeriodicService(name: "timer", interval: settings.interval, clock: clock) {
            await queue.submit(.timer)
        })
        let boundPort = BoundPort(), settings = settings
        let versions = poll.flatMap { poll in store.map { store in
            VersionPoll(run: VersionUpdateRun(store: store, watcher: poll.watcher, logger: logger), state: state,
                        queue: queue, source: source, runner: runner, hooks: hooks, links: {
                guard let secret = settings.gitSecret else { return nil }
                let port = await boundPort.port
                let base = settings.publicURL ?? "http://\(settings.listenHost):\(port)"
                return UpdateLink(baseURL: base, secret: secret, lifetime: settings.updateLinkLifetime)
            }, logger: logger, pushBranch: settings.updatesBranch)
        } }
        if let poll {
            services.append(PeriodicService(name: "registry", interval: registryTick, clock: clock) {
                await poll.tick()
                await versions?.tick()
            })
        }
        if source is GitSource {
            let logger = logger
            services.append(PeriodicService(name: "git-poll", interval: settings.gitPoll, clock: clock) {
                // A polled forge answers the same question for free (304s); `git ls-remote` stands down.
                guard await !forgeSlot.polling else { return }
                do {
                    if try await source.remoteMoved() { await queue.submit(Trigger(kind: .git, detail: "poll")) }
                } catch {
                    logger.warning("git poll failed", metadata: ["source": .string(source.label), "error": .string("\(error)")])
                }
            })
        }
        let access = StatusAccess(settings: settings), events = events
        let web = WebRoutes(state: state, store: store, events: events, sessions: WebSessions(secret: settings.apiToken),
                            access: access, actions: WebActions(queue: queue, source: source, runner: runner,
                                                                events: events, logger: logger),
                            containers: LiveContainerCache(source: source, runner: runner))
        let links = UpdateLinkHandler(secret: settings.gitSecret, deliveries: deliveries, poll: versions, logger: logger)
        let router = HTTPRoutes.router(handler: handler, state: state, maxBodyBytes: settings.maxBodyBytes,
                                       access: access, web: web, updateLinks: links)
        // A comment every 10 s keeps each event stream open through proxies that drop quiet connections. On the
        // real clock: tests that step the injected clock count its sleepers (the pass timer's).
        services.append(PeriodicService(name: "event-heartbeat", interval: .seconds(10), clock: ContinuousClock()) {
            events.heartbeat()
        })
        let onListening = hooks.onListening
        // A connection that sends nothing (an idle keep-alive, a slow or stalled request) is closed.
        let idle = TimeAmount.milliseconds(Int64(settings.idleTimeout.components.seconds * 1000
                                                 + settings.idleTimeout.components.attoseconds / 1_000_000_000_000_000))
        let app = Application(router: router, server: .http1(configuration: .init(idleTimeout: idle)),
                              configuration: .init(address: .hostname(settings.listenHost, port: settings.listenPort),
                                                   serverName: "reconcile"),
                              onServerRunning: { channel in
                                  await boundPort.set(channel.localAddress?.port ?? settings.listenPort)
                                  await onListening(channel.localAddress?.port ?? 0)
                              },
                              logger: logger)
        services.append(app)
        // Last, so it stops first: open event streams end before the listener waits for its connections.
        services.append(EventStreamCloser(events: events))
        return services
    }
}

/// The port the listener got (port 0 picks one), for links that point back at the daemon.
actor BoundPort {
    private(set) var port = 0
    func set(_ port: Int) { self.port = port }
}
