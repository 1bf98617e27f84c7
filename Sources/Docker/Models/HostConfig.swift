/// Docker's `HostConfig`: how the container meets the host (mounts, ports,
/// limits, privileges). Every field is optional; `nil` leaves Docker's default.
public struct HostConfig: Codable, Sendable, Equatable {
    /// `host-path:container-path[:ro]` strings; prefer `mounts`.
    public var binds: [String]?
    public var mounts: [Mount]?
    /// Keys like `"8080/tcp"`.
    public var portBindings: [String: [PortBinding]]?
    public var restartPolicy: RestartPolicy?
    public var networkMode: String?
    public var capAdd: [String]?
    public var capDrop: [String]?
    public var devices: [DeviceMapping]?
    public var privileged: Bool?
    /// `name:ip` strings.
    public var extraHosts: [String]?
    public var dns: [String]?
    public var logConfig: LogConfig?
    public var sysctls: [String: String]?
    public var ulimits: [Ulimit]?
    /// Bytes.
    public var memory: Int64?
    /// CPU quota in units of 1e-9 CPUs.
    public var nanoCpus: Int64?
    /// Bytes of /dev/shm.
    public var shmSize: Int64?
    /// Run an init process (tini) as PID 1.
    public var `init`: Bool?
    public var readonlyRootfs: Bool?
    public var securityOpt: [String]?
    public var groupAdd: [String]?
    public var pidMode: String?
    public var ipcMode: String?
    /// Mount point → options (`"size=64m"`).
    public var tmpfs: [String: String]?
    public var pidsLimit: Int64?
    /// Bytes; a soft limit.
    public var memoryReservation: Int64?
    /// GPUs and other devices from a device driver (`--gpus`).
    public var deviceRequests: [DeviceRequest]?
    /// Bytes of memory plus swap; -1 for unlimited swap.
    public var memorySwap: Int64?
    public var memorySwappiness: Int?
    /// Relative CPU weight (1024 is the default).
    public var cpuShares: Int64?
    /// CPUs the container may run on (`0-3`, `0,1`).
    public var cpusetCpus: String?
    public var dnsSearch: [String]?
    public var dnsOptions: [String]?
    public var oomScoreAdj: Int?
    public var usernsMode: String?
    public var cgroupParent: String?
    public var blkioWeight: Int?
    public var blkioWeightDevice: [WeightDevice]?
    public var blkioDeviceReadBps: [ThrottleDevice]?
    public var blkioDeviceWriteBps: [ThrottleDevice]?
    public var blkioDeviceReadIOps: [ThrottleDevice]?
    public var blkioDeviceWriteIOps: [ThrottleDevice]?

    public init() {}
}

/// One entry of `HostConfig.DeviceRequests`.
public struct DeviceRequest: Codable, Sendable, Equatable {
    public var driver: String?
    /// -1 for all devices.
    public var count: Int?
    public var deviceIDs: [String]?
    /// Alternatives (OR) of capability sets (AND).
    public var capabilities: [[String]]?
    public var options: [String: String]?

    public init(driver: String? = nil, count: Int? = nil, deviceIDs: [String]? = nil, capabilities: [[String]]? = nil,
                options: [String: String]? = nil) {
        self.driver = driver
        self.count = count
        self.deviceIDs = deviceIDs
        self.capabilities = capabilities
        self.options = options
    }
}

/// One entry of `HostConfig.Mounts`.
public struct Mount: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case bind, volume, tmpfs }

    public var type: Kind
    /// Host path (bind) or volume name (volume); unused for tmpfs.
    public var source: String?
    public var target: String
    public var readOnly: Bool?
    public var bindOptions: BindOptions?
    public var volumeOptions: VolumeOptions?
    public var tmpfsOptions: TmpfsOptions?

    public init(type: Kind, source: String? = nil, target: String, readOnly: Bool? = nil,
                bindOptions: BindOptions? = nil, volumeOptions: VolumeOptions? = nil, tmpfsOptions: TmpfsOptions? = nil) {
        self.type = type
        self.source = source
        self.target = target
        self.readOnly = readOnly
        self.bindOptions = bindOptions
        self.volumeOptions = volumeOptions
        self.tmpfsOptions = tmpfsOptions
    }

    public struct BindOptions: Codable, Sendable, Equatable {
        public var propagation: String?
        public var createMountpoint: Bool?
        public init(propagation: String? = nil, createMountpoint: Bool? = nil) {
            self.propagation = propagation
            self.createMountpoint = createMountpoint
        }
    }

    /// No `Subpath`: API 1.41 engines do not have it.
    public struct VolumeOptions: Codable, Sendable, Equatable {
        public var noCopy: Bool?
        public var labels: [String: String]?
        public init(noCopy: Bool? = nil, labels: [String: String]? = nil) {
            self.noCopy = noCopy
            self.labels = labels
        }
    }

    public struct TmpfsOptions: Codable, Sendable, Equatable {
        public var sizeBytes: Int64?
        public var mode: Int?
        public init(sizeBytes: Int64? = nil, mode: Int? = nil) {
            self.sizeBytes = sizeBytes
            self.mode = mode
        }
    }
}

public struct PortBinding: Codable, Sendable, Equatable {
    public var hostIp: String?
    public var hostPort: String?
    public init(hostIp: String? = nil, hostPort: String? = nil) {
        self.hostIp = hostIp
        self.hostPort = hostPort
    }
}

public struct RestartPolicy: Codable, Sendable, Equatable {
    /// `no`, `always`, `unless-stopped`, `on-failure`.
    public var name: String
    public var maximumRetryCount: Int?
    public init(name: String, maximumRetryCount: Int? = nil) {
        self.name = name
        self.maximumRetryCount = maximumRetryCount
    }
}

public struct DeviceMapping: Codable, Sendable, Equatable {
    public var pathOnHost: String
    public var pathInContainer: String
    public var cgroupPermissions: String
    public init(pathOnHost: String, pathInContainer: String, cgroupPermissions: String = "rwm") {
        self.pathOnHost = pathOnHost
        self.pathInContainer = pathInContainer
        self.cgroupPermissions = cgroupPermissions
    }
}

public struct LogConfig: Codable, Sendable, Equatable {
    public var type: String
    public var config: [String: String]?
    public init(type: String, config: [String: String]? = nil) {
        self.type = type
        self.config = config
    }
}

public struct Ulimit: Codable, Sendable, Equatable {
    public var name: String
    public var soft: Int64
    public var hard: Int64
    public init(name: String, soft: Int64, hard: Int64) {
        self.name = name
        self.soft = soft
        self.hard = hard
    }
}

/// One entry of `HostConfig.BlkioWeightDevice`.
public struct WeightDevice: Codable, Sendable, Equatable {
    public var path: String
    public var weight: Int

    public init(path: String, weight: Int) {
        self.path = path
        self.weight = weight
    }
}

/// One entry of the `HostConfig.BlkioDevice…` throttles: bytes or operations per second.
public struct ThrottleDevice: Codable, Sendable, Equatable {
    public var path: String
    public var rate: Int64

    public init(path: String, rate: Int64) {
        self.path = path
        self.rate = rate
    }
}
