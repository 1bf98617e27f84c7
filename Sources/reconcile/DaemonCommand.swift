import ArgumentParser
import Controller
import FoundationEssentials
import Logging
import Notify
import Registry
import Server
import Store

/// `reconcile daemon`: passes on a timer and on every trigger, webhooks, git sync, metrics and status over HTTP.
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Keep the hosts matching the repo: a pass every --interval and on webhooks; serves /metrics and /api/status.",
        discussion: """
            Each of the daemon's own flags can also come from RECONCILE_<FLAG> (e.g. RECONCILE_LISTEN, \
            RECONCILE_GIT); of the common options, --repo, --state-dir and --instance can (RECONCILE_REPO, \
            RECONCILE_STATE_DIR, RECONCILE_INSTANCE). \
            Secrets are read from files, never from the repo or the command line.

            With --git the repo is cloned into <state-dir>/checkout; every fetched commit is checked out and \
            validated there, and passes read the worktree <state-dir>/live, which only moves to a commit that \
            loads. A bad push is reported (/api/status, /metrics, log) and the hosts stay on the last good commit.

            Endpoints: GET /healthz, /metrics, /api/status; POST /hooks/git (GitHub, Gitea/Forgejo, GitLab or \
            X-Reconcile-Signature), /hooks/image (signed {image, tag, digest}, GitHub package events, or the \
            registry's notifications with Authorization: Bearer <--registry-token-file>), /api/trigger (what \
            `reconcile trigger` sends: signed with the --webhook-secret-file, whatever the peer address), \
            /hooks/message (a message printed by `reconcile sign`, checked with triggers.secret_file). \
            With `triggers.subscribe` in reconcile.yaml the daemon also subscribes outbound to ntfy topics and \
            MQTT brokers and takes the same signed messages from there (no port open to the internet). \
            A hook without its secret answers 404; a bad signature 401; a replayed delivery 409; a body over \
            --max-body 413. Triggers that arrive during a pass make at most one more pass.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Clone this git URL into <state-dir>/checkout and follow --branch (instead of --repo).")
    var git: String?

    @Option(help: "The branch to follow with --git.")
    var branch: String = env("BRANCH") ?? "main"

    @Option(help: "Address of the HTTP listener (HOST:PORT).")
    var listen: String = env("LISTEN") ?? "127.0.0.1:9420"

    @Option(help: "Time between timer passes (30s, 5m, 1h).")
    var interval: String = env("INTERVAL") ?? "5m"

    @Option(name: .customLong("git-poll"), help: "Time between `git ls-remote` polls of --git.")
    var gitPoll: String = env("GIT_POLL") ?? "60s"

    @Option(name: .customLong("webhook-secret-file"), help: "Secret for /hooks/git and /api/trigger (absent: both disabled).")
    var webhookSecretFile: String?

    @Option(name: .customLong("image-webhook-secret-file"), help: "Secret for signed /hooks/image requests.")
    var imageSecretFile: String?

    @Option(name: .customLong("registry-token-file"),
            help: "Bearer token the registry's notification endpoint sends in its Authorization header.")
    var registryTokenFile: String?

    @Option(name: .customLong("registry-poll"),
            help: "Ask registries whether followed tags moved: on or off (webhooks work either way; default on).")
    var registryPoll: RegistryPoll?

    @Option(name: .customLong("api-token-file"),
            help: """
                Bearer token for /api/status and /metrics, and the sign-in of the status page (GET /); required \
                for /api/status when --listen is beyond loopback.
                """)
    var apiTokenFile: String?

    @Flag(name: .customLong("public-status"),
          help: "Anyone who reaches --listen may read the status page and /api/status; its actions still need a sign-in.")
    var publicStatus = env("PUBLIC_STATUS") == "1"

    @Option(name: .customLong("public-url"),
            help: """
                Where a phone reaches the daemon (e.g. https://reconcile.home.example), for the signed approve/skip \
                buttons of update notifications (default http://<listen>; the buttons need --webhook-secret-file).
                """)
    var publicURL: String?

    @Option(name: .customLong("updates-branch"),
            help: """
                Push version updates to this branch (e.g. reconcile/updates) instead of --branch: nothing deploys \
                until it is merged (default: the followed branch, deployed by the next pass).
                """)
    var updatesBranch: String?

    @Option(name: .customLong("max-body"), help: "Largest webhook body accepted, in bytes (larger: 413).")
    var maxBody: Int = env("MAX_BODY").flatMap(Int.init) ?? 1 << 20

    /// Flags not given come from `RECONCILE_<FLAG>`; all of it is checked here, before the daemon touches anything.
    mutating func validate() throws {
        git = git ?? env("GIT")
        webhookSecretFile = webhookSecretFile ?? env("WEBHOOK_SECRET_FILE")
        imageSecretFile = imageSecretFile ?? env("IMAGE_WEBHOOK_SECRET_FILE")
        registryTokenFile = registryTokenFile ?? env("REGISTRY_TOKEN_FILE")
        apiTokenFile = apiTokenFile ?? env("API_TOKEN_FILE")
        publicURL = publicURL ?? env("PUBLIC_URL")
        updatesBranch = updatesBranch ?? env("UPDATES_BRANCH")
        if let updatesBranch {
            let refused = updatesBranch.isEmpty || updatesBranch.hasPrefix("-") || updatesBranch.hasSuffix("/")
                || updatesBranch.contains("..") || updatesBranch.contains(where: { $0.isWhitespace || "~^:?*[\\".contains($0) })
            if refused { throw ValidationError("--updates-branch `\(updatesBranch)` is not a git branch name; try reconcile/updates") }
            if updatesBranch == branch { throw ValidationError("--updates-branch is the followed --branch; leave it out to push there") }
        }
        if let publicURL, !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")) {
            throw ValidationError("--public-url `\(publicURL)` must start with http:// or https://")
        }
        if registryPoll == nil {
            let text = env("REGISTRY_POLL") ?? "on"
            guard let poll = RegistryPoll(rawValue: text) else {
                throw ValidationError("RECONCILE_REGISTRY_POLL takes on or off, not `\(text)`")
            }
            registryPoll = poll
        }
        _ = try daemonSettings()
    }

    func run() async throws {
        Daemon.useOneEventLoopThread()
        let controllerSettings = global.settings()
        try FileManager.default.createDirectory(at: controllerSettings.stateDirectory, withIntermediateDirectories: true)
        let logger = makeLogger()
        let settings = try daemonSettings()
        let source: any RepositorySource = git.map {
            GitSource(url: $0, branch: branch, stateDirectory: controllerSettings.stateDirectory,
                      environment: controllerSettings.environment, logger: logger)
        } ?? LocalSource(directory: controllerSettings.repository, environment: controllerSettings.environment)
        let store = openStore(controllerSettings, logger: logger)
        let daemon = Daemon(settings: settings, source: source,
                            runner: ControllerPassRunner(settings: controllerSettings, logger: logger),
                            branch: git == nil ? nil : branch, store: store,
                            watcher: try await registryWatcher(store: store, logger: logger),
                            hooks: notificationHooks(source: source, environment: controllerSettings.environment,
                                                     logger: logger), logger: logger)
        logger.info("daemon starts", metadata: ["source": .string(source.label), "listen": .string(listen)])
        let wildcard = ["0.0.0.0", "::", ""].contains(settings.listenHost)
        if wildcard && settings.publicURL == nil && settings.gitSecret != nil {
            logger.warning("update notifications' approve/skip buttons point at \(settings.listenHost); set --public-url to an address a phone reaches")
        }
        if !settings.listensOnLoopbackOnly && settings.apiToken == nil {
            logger.warning("listening beyond loopback without --api-token-file: /api/status answers 403 to everyone")
        }
        // The SSH masters live across passes; they end with the daemon, also when it stops on an error.
        do { try await daemon.run() } catch {
            await controllerSettings.tunnels.closeAll()
            throw error
        }
        await controllerSettings.tunnels.closeAll()
    }

    /// The Store keeps webhook delivery ids across restarts; without it replays are refused only until a restart.
    /// Notifications (reconcile.yaml) on every pass and every refused commit; never blocking a pass.
    func notificationHooks(source: any RepositorySource, environment: [String: String], logger: Logger) -> DaemonHooks {
        let slot = NotifierSlot(environment: environment, logger: logger)
        return DaemonHooks(onPass: { report in
            await slot.notifier(for: await source.passDirectory())?.notify(report)
        }, onInvalidCommit: { invalid in
            await slot.notifier(for: await source.passDirectory())?.notifyInvalidCommit(commit: invalid.commit,
                                                                                      diagnostics: invalid.errors,
                                                                                      heldStacks: invalid.heldStacks.map { $0.keys.sorted() })
        }, onListening: { port in
            logger.info("listening", metadata: ["http.port": .stringConvertible(port)])
        }, onVersionUpdates: { found in
            let notices = found.map { VersionUpdateNotice($0) }
            await slot.notifier(for: await source.passDirectory())?.notifyVersionUpdates(notices)
        })
    }

    /// The tag watcher, with credentials from Docker's config.json; nil when polling is off or there is no store.
    func registryWatcher(store: Store?, logger: Logger) async throws -> RegistryWatcher? {
        guard registryPoll != .off, let store else { return nil }
        let credentials: DockerCredentials
        do { credentials = try DockerCredentials.load(from: DockerCredentials.defaultPath()) } catch {
            logger.warning("registry credentials unreadable; asking anonymously", metadata: ["error": "\(error)"])
            credentials = DockerCredentials()
        }
        return try await RegistryWatcher(store: store, client: RegistryClient(credentials: credentials, logger: logger),
                                         logger: logger)
    }

    func openStore(_ settings: ControllerSettings, logger: Logger) -> Store? {
        do { return try Store(path: settings.databasePath) } catch {
            logger.warning("cannot open the store; delivery ids are kept in memory only", metadata: ["error": "\(error)"])
            return nil
        }
    }

    func makeLogger() -> Logger {
        var logger = Logger(label: "reconcile.daemon") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = global.verbose ? .debug : .info
        return logger
    }

    func daemonSettings() throws -> DaemonSettings {
        let address: (host: String, port: Int)
        do { address = try DaemonSettings.parseListen(listen) } catch { throw ValidationError("\(error)") }
        guard let every = DaemonSettings.parseDuration(interval), every > .zero else {
            throw ValidationError("--interval `\(interval)` is not a duration like 30s, 5m or 1h")
        }
        guard let poll = DaemonSettings.parseDuration(gitPoll), poll > .zero else {
            throw ValidationError("--git-poll `\(gitPoll)` is not a duration like 30s, 5m or 1h")
        }
        var settings = DaemonSettings(listenHost: address.host, listenPort: address.port, interval: every, gitPoll: poll,
                                      gitSecret: try webhookSecretFile.map(Secret.read(file:)),
                                      imageSecret: try imageSecretFile.map(Secret.read(file:)),
                                      registryToken: try registryTokenFile.map(Secret.read(file:)), maxBodyBytes: maxBody,
                                      apiToken: try apiTokenFile.map(Secret.read(file:)))
        settings.publicStatus = publicStatus
        settings.publicURL = publicURL
        settings.updatesBranch = updatesBranch
        return settings
    }
}

/// `--registry-poll`: whether the daemon asks registries about followed tags.
enum RegistryPoll: String, ExpressibleByArgument, CaseIterable {
    case on, off
}

/// `RECONCILE_<NAME>` from the environment, so every daemon flag can come from a unit file or compose env.
func env(_ name: String) -> String? {
    ProcessInfo.processInfo.environment["RECONCILE_" + name].flatMap { $0.isEmpty ? nil : $0 }
}
