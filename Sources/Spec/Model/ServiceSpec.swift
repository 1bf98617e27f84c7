import Basics

/// One normalised service, field for field what `docker-compose config --format json` prints.
public struct ServiceSpec: Sendable, Codable, Hashable {
    public var name: String
    public var image: String
    public var command: [String]?
    public var entrypoint: [String]?
    /// Interpolated environment (env files merged under `environment`); nil value = unset, passed as bare `KEY`.
    public var environment: [String: String?]
    /// Keys whose value came from an `env_file` (treat as secrets when recording history).
    public var environmentFromFiles: Set<String>
    /// Keys whose value came out of an encrypted file (age, SOPS): a change reads `secret KEY changed`. Optional so
    /// records written before it decode; left out of the hash.
    public var secretEnvironment: Set<String>?
    public var ports: [PortSpec]
    public var expose: [String]
    public var volumes: [VolumeMount]
    public var tmpfs: [String]
    public var restart: String?
    public var labels: [String: String]
    public var healthcheck: Healthcheck?
    public var dependsOn: [String: DependsOn]
    /// nil when `network_mode` is set; otherwise at least `default`.
    public var networks: [String: ServiceNetwork]?
    public var networkMode: String?
    /// `X` of `network_mode: service:X`: this container joins X's network namespace.
    public var networkModeService: String? {
        guard let mode = networkMode, mode.hasPrefix("service:") else { return nil }
        return String(mode.dropFirst("service:".count))
    }
    public var containerName: String?
    public var hostname: String?
    public var user: String?
    public var workingDir: String?
    public var capAdd: [String]
    public var capDrop: [String]
    public var devices: [DeviceMapping]
    public var privileged: Bool
    /// Compose's `host=ip` form in file order; the Engine API wants `host:ip`, so the Docker layer converts.
    public var extraHosts: [String]
    public var dns: [String]
    /// `links`: `service` or `service:alias`, reachable under the alias (Compose's link on the first network).
    /// Optional, and nil when unused, so configs hashed before it existed keep their hash.
    public var links: [String]?
    /// `profiles`: the service runs only when one is active (inactive ones never reach the model).
    public var profiles: [String]?
    /// `deploy.resources` (limits and reservations Docker applies outside Swarm).
    public var deploy: DeployResources?
    /// `gpus`: device requests for the `gpu` capability.
    public var gpus: [DeviceRequestSpec]?
    /// `pull_policy`: `missing` (the default) or `never`.
    public var pullPolicy: String?
    /// `platform`: `os/arch[/variant]` the container is created (and its image pulled) for.
    public var platform: String?
    /// Secrets and configs with an `environment` or `content` source, copied in before the container starts.
    public var injectedFiles: [InjectedFile]?
    public var logging: Logging?
    public var stopGracePeriod: Duration?
    public var stopSignal: String?
    public var sysctls: [String: String]
    public var ulimits: [String: Ulimit]
    /// Bytes.
    public var memLimit: Int64?
    public var cpus: Double?
    /// Bytes.
    public var shmSize: Int64?
    public var initProcess: Bool?
    public var readOnly: Bool
    public var securityOpt: [String]
    public var tty: Bool
    public var stdinOpen: Bool
    public var groupAdd: [String]
    public var pid: String?
    public var ipc: String?
    /// Kernel and resolver settings sent as Compose sends them (nil when unset, so older hashes stay).
    public var pidsLimit: Int64?
    /// Bytes: `mem_reservation`, `memswap_limit` (-1: unlimited swap).
    public var memReservation: Int64?
    public var memswapLimit: Int64?
    public var memSwappiness: Int?
    public var cpuShares: Int64?
    public var cpuset: String?
    public var dnsSearch: [String]?
    public var dnsOpt: [String]?
    public var oomScoreAdj: Int?
    public var usernsMode: String?
    public var cgroupParent: String?
    public var macAddress: String?
    public var blkioConfig: BlkioConfig?
    /// Where the service's key is in the compose file.
    public var source: SourceLocation
    /// Locations of this service's keys (`image`, `ports`, …) for precise planner errors.
    public var keyLocations: [String: SourceLocation]

    public init(name: String, image: String, source: SourceLocation) {
        self.name = name
        self.image = image
        self.command = nil
        self.entrypoint = nil
        self.environment = [:]
        self.environmentFromFiles = []
        self.secretEnvironment = nil
        self.ports = []
        self.expose = []
        self.volumes = []
        self.tmpfs = []
        self.restart = nil
        self.labels = [:]
        self.healthcheck = nil
        self.dependsOn = [:]
        self.networks = ["default": ServiceNetwork()]
        self.networkMode = nil
        self.containerName = nil
        self.hostname = nil
        self.user = nil
        self.workingDir = nil
        self.capAdd = []
        self.capDrop = []
        self.devices = []
        self.privileged = false
        self.extraHosts = []
        self.dns = []
        self.logging = nil
        self.stopGracePeriod = nil
        self.stopSignal = nil
        self.sysctls = [:]
        self.ulimits = [:]
        self.memLimit = nil
        self.cpus = nil
        self.shmSize = nil
        self.initProcess = nil
        self.readOnly = false
        self.securityOpt = []
        self.tty = false
        self.stdinOpen = false
        self.groupAdd = []
        self.pid = nil
        self.ipc = nil
        self.source = source
        self.keyLocations = [:]
    }

    /// Non-empty values this service's environment took from env files.
    public var fileEnvironmentValues: [String] {
        environmentFromFiles.compactMap { environment[$0] ?? nil }.filter { !$0.isEmpty }
    }

    /// The location of `key` inside this service, falling back to the service itself.
    /// The services `links` names, without their aliases.
    public var linkedServices: [String] {
        (links ?? []).map { link in link.split(separator: ":", maxSplits: 1).first.map(String.init) ?? link }
    }

    public func location(of key: String) -> SourceLocation {
        keyLocations[key] ?? source
    }
}
