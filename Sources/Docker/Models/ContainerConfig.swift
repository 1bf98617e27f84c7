/// `{}` in Docker's JSON: the value of set-like maps such as `ExposedPorts`.
public struct EmptyObject: Codable, Sendable, Hashable {
    public init() {}
}

/// The portable part of a container (Docker's `Config`): what the image runs
/// and how it is labelled. Also the shape of an image's config.
public struct ContainerConfig: Codable, Sendable, Equatable {
    public var image: String?
    public var cmd: [String]?
    public var entrypoint: [String]?
    /// `KEY=value` strings.
    public var env: [String]?
    public var labels: [String: String]?
    /// Keys like `"8080/tcp"`.
    public var exposedPorts: [String: EmptyObject]?
    public var healthcheck: HealthConfig?
    public var user: String?
    public var workingDir: String?
    public var hostname: String?
    public var domainname: String?
    public var tty: Bool?
    public var openStdin: Bool?
    public var stopSignal: String?
    /// Seconds Docker waits after `StopSignal` before killing.
    public var stopTimeout: Int?
    public var volumes: [String: EmptyObject]?
    /// Before API 1.44 only; later engines take it per endpoint.
    public var macAddress: String?

    public init(image: String? = nil, cmd: [String]? = nil, entrypoint: [String]? = nil, env: [String]? = nil,
                labels: [String: String]? = nil, exposedPorts: [String: EmptyObject]? = nil,
                healthcheck: HealthConfig? = nil, user: String? = nil, workingDir: String? = nil,
                hostname: String? = nil, domainname: String? = nil, tty: Bool? = nil, openStdin: Bool? = nil,
                stopSignal: String? = nil, stopTimeout: Int? = nil, volumes: [String: EmptyObject]? = nil) {
        self.image = image
        self.cmd = cmd
        self.entrypoint = entrypoint
        self.env = env
        self.labels = labels
        self.exposedPorts = exposedPorts
        self.healthcheck = healthcheck
        self.user = user
        self.workingDir = workingDir
        self.hostname = hostname
        self.domainname = domainname
        self.tty = tty
        self.openStdin = openStdin
        self.stopSignal = stopSignal
        self.stopTimeout = stopTimeout
        self.volumes = volumes
    }
}

/// Docker's `HealthConfig`. Durations are nanoseconds, as on the wire;
/// `test` is `["CMD", …]`, `["CMD-SHELL", "…"]` or `["NONE"]`.
public struct HealthConfig: Codable, Sendable, Equatable {
    public var test: [String]?
    public var interval: Int64?
    public var timeout: Int64?
    public var retries: Int?
    public var startPeriod: Int64?
    /// API 1.44 and later (`APIVersion.hasHealthStartInterval`).
    public var startInterval: Int64?

    public init(test: [String]? = nil, interval: Duration? = nil, timeout: Duration? = nil,
                retries: Int? = nil, startPeriod: Duration? = nil, startInterval: Duration? = nil) {
        self.test = test
        self.interval = interval.map(Self.nanoseconds)
        self.timeout = timeout.map(Self.nanoseconds)
        self.retries = retries
        self.startPeriod = startPeriod.map(Self.nanoseconds)
        self.startInterval = startInterval.map(Self.nanoseconds)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
