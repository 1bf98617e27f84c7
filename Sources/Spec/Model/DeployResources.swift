/// `deploy.resources` as Compose applies it to a plain container: limits (cpus, memory, pids) and the memory
/// and device reservations. CPU reservations and generic resources are Swarm-only and are not kept.
public struct DeployResources: Sendable, Codable, Hashable {
    public var cpus: Double?
    public var memory: Int64?
    public var pids: Int64?
    public var memoryReservation: Int64?
    public var devices: [DeviceRequestSpec]?

    public init(cpus: Double? = nil, memory: Int64? = nil, pids: Int64? = nil, memoryReservation: Int64? = nil,
                devices: [DeviceRequestSpec]? = nil) {
        self.cpus = cpus
        self.memory = memory
        self.pids = pids
        self.memoryReservation = memoryReservation
        self.devices = devices
    }
}

/// One device request (`deploy.resources.reservations.devices` or `gpus`): the GPU form is
/// `driver: nvidia, count: 1 | all, capabilities: [gpu]` (immich, frigate).
public struct DeviceRequestSpec: Sendable, Codable, Hashable {
    public var driver: String?
    /// How many devices; -1 means `all`.
    public var count: Int?
    public var deviceIDs: [String]?
    public var capabilities: [String]
    public var options: [String: String]?

    public init(driver: String? = nil, count: Int? = nil, deviceIDs: [String]? = nil, capabilities: [String] = [],
                options: [String: String]? = nil) {
        self.driver = driver
        self.count = count
        self.deviceIDs = deviceIDs
        self.capabilities = capabilities
        self.options = options
    }
}
