/// A published or exposed port in compose's long form (short forms and ranges are expanded).
public struct PortSpec: Sendable, Codable, Hashable {
    public var target: Int
    /// Host port or range (`"8080"`, `"8080-8081"`); empty = not published / random.
    public var published: String
    /// Host address; empty = all addresses.
    public var hostIP: String
    /// `tcp`, `udp` or `sctp`.
    public var `protocol`: String
    /// `ingress` or `host`.
    public var mode: String
    public var name: String?
    public var appProtocol: String?

    public init(target: Int, published: String = "", hostIP: String = "", protocol: String = "tcp",
                mode: String = "ingress", name: String? = nil, appProtocol: String? = nil) {
        self.target = target
        self.published = published
        self.hostIP = hostIP
        self.protocol = `protocol`
        self.mode = mode
        self.name = name
        self.appProtocol = appProtocol
    }
}

/// One mount of a service.
public struct VolumeMount: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable {
        case bind, volume, tmpfs, npipe, cluster, image
    }

    public var type: Kind
    /// Bind: absolute host path; volume: volume key (or nil for anonymous); tmpfs: nil.
    public var source: String?
    /// Bind sources inside the repository, relative to the repository root (for content hashing).
    public var repoRelativeSource: String?
    /// A relative bind that is the app's own data: a folder under the host's `data:` root, never shipped.
    public var hostData: HostData?
    /// True for a `secrets:` file: its content fingerprint is keyed before it enters the hash or history.
    /// Optional, and nil for every other mount, so configs hashed before it existed keep their hash.
    public var isSecret: Bool?
    public var target: String
    public var readOnly: Bool
    public var consistency: String?
    public var bind: BindOptions?
    public var volume: VolumeOptions?
    public var tmpfs: TmpfsOptions?

    public init(type: Kind, source: String?, target: String, readOnly: Bool = false) {
        self.type = type
        self.source = source
        self.repoRelativeSource = nil
        self.hostData = nil
        self.target = target
        self.readOnly = readOnly
        self.consistency = nil
        self.bind = nil
        self.volume = nil
        self.tmpfs = nil
    }

    public struct BindOptions: Sendable, Codable, Hashable {
        public var propagation: String?
        public var createHostPath: Bool
        public var selinux: String?

        public init(propagation: String? = nil, createHostPath: Bool = false, selinux: String? = nil) {
            self.propagation = propagation
            self.createHostPath = createHostPath
            self.selinux = selinux
        }
    }

    public struct VolumeOptions: Sendable, Codable, Hashable {
        public var nocopy: Bool
        public var subpath: String?

        public init(nocopy: Bool = false, subpath: String? = nil) {
            self.nocopy = nocopy
            self.subpath = subpath
        }
    }

    public struct TmpfsOptions: Sendable, Codable, Hashable {
        /// Bytes.
        public var size: Int64?
        public var mode: Int?

        public init(size: Int64? = nil, mode: Int? = nil) {
            self.size = size
            self.mode = mode
        }
    }
}

/// A container healthcheck, `test` in compose's normalised list form.
public struct Healthcheck: Sendable, Codable, Hashable {
    /// `["CMD-SHELL", "…"]`, `["CMD", …]` or `["NONE"]`; nil inherits the image's.
    public var test: [String]?
    public var interval: Duration?
    public var timeout: Duration?
    public var retries: Int?
    public var startPeriod: Duration?
    public var startInterval: Duration?
    public var disable: Bool

    public init(test: [String]? = nil, interval: Duration? = nil, timeout: Duration? = nil, retries: Int? = nil,
                startPeriod: Duration? = nil, startInterval: Duration? = nil, disable: Bool = false) {
        self.test = test
        self.interval = interval
        self.timeout = timeout
        self.retries = retries
        self.startPeriod = startPeriod
        self.startInterval = startInterval
        self.disable = disable
    }
}

/// One `depends_on` edge.
public struct DependsOn: Sendable, Codable, Hashable {
    public enum Condition: String, Sendable, Codable, Hashable, CaseIterable {
        case serviceStarted = "service_started"
        case serviceHealthy = "service_healthy"
        case serviceCompletedSuccessfully = "service_completed_successfully"
    }

    public var condition: Condition
    public var restart: Bool
    public var required: Bool

    public init(condition: Condition = .serviceStarted, restart: Bool = false, required: Bool = true) {
        self.condition = condition
        self.restart = restart
        self.required = required
    }
}

/// A service's attachment to one network.
public struct ServiceNetwork: Sendable, Codable, Hashable {
    public var aliases: [String]
    public var ipv4Address: String?
    public var ipv6Address: String?

    public init(aliases: [String] = [], ipv4Address: String? = nil, ipv6Address: String? = nil) {
        self.aliases = aliases
        self.ipv4Address = ipv4Address
        self.ipv6Address = ipv6Address
    }
}

/// A device mapping in compose's long form.
public struct DeviceMapping: Sendable, Codable, Hashable {
    public var source: String
    public var target: String
    public var permissions: String

    public init(source: String, target: String, permissions: String = "rwm") {
        self.source = source
        self.target = target
        self.permissions = permissions
    }
}

/// Log driver and options.
public struct Logging: Sendable, Codable, Hashable {
    public var driver: String?
    public var options: [String: String]

    public init(driver: String? = nil, options: [String: String] = [:]) {
        self.driver = driver
        self.options = options
    }
}

/// A ulimit; `single` is set when written as one number (soft = hard).
public struct Ulimit: Sendable, Codable, Hashable {
    public var soft: Int
    public var hard: Int
    public var single: Bool

    public init(soft: Int, hard: Int, single: Bool = false) {
        self.soft = soft
        self.hard = hard
        self.single = single
    }
}

/// A secret or config with an `environment` or `content` source: Compose copies it into the container before it
/// starts (no mount). Its value is never encoded, so never hashed or recorded; the planner hashes a keyed
/// fingerprint of it instead.
public struct InjectedFile: Sendable, Codable, Hashable {
    /// `secret:<name>` or `config:<name>`: what a plan's reason names when the value changes.
    public var name: String
    /// Absolute path in the container.
    public var target: String
    /// Permission bits (Compose's default is 0444).
    public var mode: Int
    /// Owner of the copied file (`uid`/`gid`); nil is root, and leaves the encoding (hence the hash) as it was.
    public var uid: Int?
    public var gid: Int?
    /// The value; left out of the encoding on purpose.
    public var content: String = ""

    enum CodingKeys: String, CodingKey { case name, target, mode, uid, gid }

    public init(name: String, target: String, mode: Int, uid: Int? = nil, gid: Int? = nil, content: String) {
        self.name = name
        self.target = target
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.content = content
    }
}
