import FoundationEssentials

/// Where reconcile reads the desired state and keeps its records, and what one command looks at.
public struct ControllerSettings: Sendable {
    public var repository: URL
    public var stateDirectory: URL
    /// Only these hosts; empty means all.
    public var hostFilter: Set<String>
    /// Only these stacks; empty means all.
    public var stackFilter: Set<String>
    /// How long to wait for a host to accept a connection before calling it unreachable.
    public var connectTimeout: Duration
    /// Limit for one ordinary Engine API request (pulls and event streams are not bound by it).
    public var requestTimeout: Duration
    /// Extra environment for interpolation; the process environment by default.
    public var environment: [String: String]
    /// `reconcile.instance` of everything this installation creates; only those are ever pruned.
    public var instance: String
    /// The time deploy windows are judged by; injected so tests need no real clock.
    public var now: @Sendable () -> Date
    /// The SSH control masters of `ssh://` hosts; shared by every copy of these settings, so the daemon's passes
    /// reuse one connection per host. The command or daemon that made the settings calls `closeAll()` at its end.
    public var tunnels = SSHTunnels()
    /// Sees pull progress (host, image, Docker's status line), e.g. to draw it on a terminal.
    public var pullProgress: (@Sendable (_ host: String, _ image: String, _ status: String) -> Void)?
    /// Sees each health gate wait, about once a second, e.g. to draw it on a terminal (see `GateProgress`).
    public var gateProgress: GateProgress?
    /// Sees every journaled step and each stack's end as it happens (the daemon's live status page).
    public var stepObserver: PassStepObserver?

    public init(repository: URL, stateDirectory: URL, hostFilter: Set<String> = [], stackFilter: Set<String> = [],
                connectTimeout: Duration = .seconds(3), requestTimeout: Duration = .seconds(120),
                environment: [String: String] = ProcessInfo.processInfo.environment, instance: String? = nil,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
        self.repository = repository
        self.stateDirectory = stateDirectory
        self.hostFilter = hostFilter
        self.stackFilter = stackFilter
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.environment = environment
        self.instance = instance ?? environment["RECONCILE_INSTANCE"] ?? "default"
        if (environment[Self.ageKeyVariable] ?? "").isEmpty {
            self.environment[Self.ageKeyVariable] = stateDirectory.appendingPathComponent("age.key").path
        }
    }

    static let ageKeyVariable = "RECONCILE_AGE_KEY_FILE"

    /// The age identity file that opens encrypted repository files (`--age-key-file`; default `<state>/age.key`).
    /// Kept in `environment`, which every load of the repository gets, the daemon's git and local sources too.
    public var ageKeyFile: String {
        get { environment[Self.ageKeyVariable] ?? stateDirectory.appendingPathComponent("age.key").path }
        set { environment[Self.ageKeyVariable] = newValue }
    }

    public var databasePath: URL { stateDirectory.appendingPathComponent("reconcile.sqlite") }

    /// `$XDG_STATE_HOME/reconcile`, else `~/.local/state/reconcile`.
    public static func defaultStateDirectory(environment: [String: String]) -> String {
        if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty { return xdg + "/reconcile" }
        let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + "/.local/state/reconcile"
    }
}
