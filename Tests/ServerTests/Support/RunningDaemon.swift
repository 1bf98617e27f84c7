import Controller
import Foundation
import HTTP
import Logging
import Registry
import Server
import ServiceLifecycle
import Store

/// A `Daemon` running in this process on a free loopback port, spoken to over a real socket.
///
/// It runs inside a service group of its own, so `stop()` shuts it down as SIGTERM does. Cancelling the daemon's
/// task instead can drop a connection accepted in that instant (a browser reconnecting its event stream) before the
/// server took it, which NIO answers with a crash ("Deinited NIOAsyncWriter without calling finish()",
/// apple/swift-nio#2637).
struct RunningDaemon {
    let daemon: Daemon
    let port: Int
    let task: Task<Void, any Error>
    let group: ServiceGroup

    static func start(settings: DaemonSettings, source: any RepositorySource, runner: any PassRunner,
                      branch: String? = "main", hooks: DaemonHooks = DaemonHooks(),
                      clock: any Clock<Duration> = ContinuousClock(), store: Store? = nil,
                      watcher: RegistryWatcher? = nil, registryTick: Duration = .seconds(60)) async throws -> RunningDaemon {
        var settings = settings
        settings.listenHost = "127.0.0.1"
        settings.listenPort = 0
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        var hooks = hooks
        hooks.onListening = { portSink.yield($0) }
        var logger = Logger(label: "servertests")
        logger.logLevel = ProcessInfo.processInfo.environment["RECONCILE_TEST_LOG"] == nil ? .critical : .debug
        let daemon = Daemon(settings: settings, source: source, runner: runner, branch: branch, store: store,
                            watcher: watcher, registryTick: registryTick, hooks: hooks, clock: clock, logger: logger)
        let group = ServiceGroup(services: [DaemonService(daemon: daemon)], logger: logger)
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return RunningDaemon(daemon: daemon, port: port, task: task, group: group)
    }

    /// Graceful shutdown: the pass in progress finishes, the listener closes, every service stops. Cancelled after
    /// 60 s so a shutdown that hangs fails the test instead of hanging the run.
    func stop() async {
        await group.triggerGracefulShutdown()
        let task = self.task
        let deadline = Task {
            try await Task.sleep(for: .seconds(60))
            task.cancel()
        }
        _ = await task.result
        deadline.cancel()
    }

    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil) async throws
        -> (status: Int, body: String) {
        let response = try await exchange(method, path, headers: headers, body: body)
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    /// The whole response, headers too (a `Set-Cookie`).
    func exchange(_ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil) async throws
        -> HTTP.HTTPResponse {
        var fields = HTTP.HTTPHeaders()
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { fields.add(name, value) }
        let transport = CurlTransport(endpoint: Endpoint(address: .tcp(host: "127.0.0.1", port: port)))
        return try await transport.send(HTTP.HTTPRequest(method: method, path: path, headers: fields, body: body,
                                                         timeout: .seconds(10)))
    }
}

extension RunningDaemon {
    /// A daemon following `repo`'s bare origin and applying only `stack` on the lab, with no timer and no
    /// `git ls-remote` poll: only the trigger under test can bring a new commit. Its state lives in `repo`, so a
    /// second daemon started the same way picks up where the first stopped.
    static func following(_ repo: GitTestRepo, stack: String) async throws -> RunningDaemon {
        var logger = Logger(label: "lab-daemon")
        logger.logLevel = .warning
        let state = repo.root.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let controller = ControllerSettings(repository: repo.work, stateDirectory: state, stackFilter: [stack], environment: [:])
        return try await start(
            settings: DaemonSettings(interval: .seconds(3600), gitPoll: .seconds(3600)),
            source: GitSource(url: repo.bare.path, branch: "main", stateDirectory: state, environment: [:], logger: logger),
            runner: ControllerPassRunner(settings: controller, logger: logger))
    }
}

extension RunningDaemon {
    /// A daemon following `repo`'s bare origin for `stacks`, with a store and the lab registry's tag watcher on a
    /// half-second registry tick (version updates), and no timer or `git ls-remote` poll.
    static func watchingVersions(_ repo: GitTestRepo, stacks: Set<String>, settings: DaemonSettings = DaemonSettings(),
                                 hooks: DaemonHooks = DaemonHooks()) async throws -> RunningDaemon {
        var logger = Logger(label: "version-daemon")
        logger.logLevel = .warning
        let state = repo.root.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let controller = ControllerSettings(repository: repo.work, stateDirectory: state, stackFilter: stacks,
                                            environment: [:])
        let store = try Store(path: state.appendingPathComponent("reconcile.sqlite"))
        var settings = settings
        settings.interval = .seconds(3600)
        settings.gitPoll = .seconds(3600)
        return try await start(
            settings: settings,
            source: GitSource(url: repo.bare.path, branch: "main", stateDirectory: state, environment: [:], logger: logger),
            runner: ControllerPassRunner(settings: controller, logger: logger), hooks: hooks, store: store,
            watcher: try await RegistryWatcher(store: store, client: RegistryClient(logger: logger), logger: logger),
            registryTick: .milliseconds(500))
    }
}

/// The daemon as a service of the test's group, which passes the group's graceful shutdown on to the daemon's own.
private struct DaemonService: Service {
    let daemon: Daemon
    func run() async throws { try await daemon.run(signals: []) }
}
