/// A top-level network as compose resolves it.
public struct NetworkSpec: Sendable, Codable, Hashable {
    /// The Docker name: `name:` if given, else `<project>_<key>` (external: the key).
    public var name: String
    public var external: Bool
    public var driver: String?
    public var driverOpts: [String: String]
    public var ipam: IPAMSpec?
    public var isInternal: Bool
    public var attachable: Bool
    public var enableIPv6: Bool?
    public var labels: [String: String]

    public init(name: String, external: Bool = false, driver: String? = nil, driverOpts: [String: String] = [:],
                ipam: IPAMSpec? = nil, isInternal: Bool = false, attachable: Bool = false, enableIPv6: Bool? = nil,
                labels: [String: String] = [:]) {
        self.name = name
        self.external = external
        self.driver = driver
        self.driverOpts = driverOpts
        self.ipam = ipam
        self.isInternal = isInternal
        self.attachable = attachable
        self.enableIPv6 = enableIPv6
        self.labels = labels
    }
}

/// IP address management of a network.
public struct IPAMSpec: Sendable, Codable, Hashable {
    /// One address pool.
    public struct Pool: Sendable, Codable, Hashable {
        public var subnet: String?
        public var gateway: String?
        public var ipRange: String?
        public var auxAddresses: [String: String]

        public init(subnet: String? = nil, gateway: String? = nil, ipRange: String? = nil,
                    auxAddresses: [String: String] = [:]) {
            self.subnet = subnet
            self.gateway = gateway
            self.ipRange = ipRange
            self.auxAddresses = auxAddresses
        }
    }

    public var driver: String?
    public var config: [Pool]
    public var options: [String: String]

    public init(driver: String? = nil, config: [Pool] = [], options: [String: String] = [:]) {
        self.driver = driver
        self.config = config
        self.options = options
    }
}

/// A top-level named volume as compose resolves it.
public struct VolumeSpec: Sendable, Codable, Hashable {
    /// The Docker name: `name:` if given, else `<project>_<key>` (external: the key).
    public var name: String
    public var external: Bool
    public var driver: String?
    public var driverOpts: [String: String]
    public var labels: [String: String]

    public init(name: String, external: Bool = false, driver: String? = nil, driverOpts: [String: String] = [:],
                labels: [String: String] = [:]) {
        self.name = name
        self.external = external
        self.driver = driver
        self.driverOpts = driverOpts
        self.labels = labels
    }
}
