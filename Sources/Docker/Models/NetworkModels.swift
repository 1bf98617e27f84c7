/// One network from `GET /networks`.
public struct NetworkSummary: Decodable, Sendable, Equatable {
    public var name: String
    public var id: String
    public var driver: String
    public var scope: String?
    public var `internal`: Bool?
    public var labels: [String: String]?
    public var ipam: IPAM?
}

/// Address management of a network.
public struct IPAM: Codable, Sendable, Equatable {
    public var driver: String?
    public var config: [Pool]?

    public init(driver: String? = nil, config: [Pool]? = nil) {
        self.driver = driver
        self.config = config
    }

    public struct Pool: Codable, Sendable, Equatable {
        public var subnet: String?
        public var gateway: String?
        public var ipRange: String?
        public init(subnet: String? = nil, gateway: String? = nil, ipRange: String? = nil) {
            self.subnet = subnet
            self.gateway = gateway
            self.ipRange = ipRange
        }
    }
}

/// The body of `POST /networks/create`.
public struct NetworkCreateRequest: Encodable, Sendable, Equatable {
    public var name: String
    public var driver: String?
    public var labels: [String: String]?
    public var ipam: IPAM?
    public var `internal`: Bool?
    public var attachable: Bool?
    public var options: [String: String]?
    /// Refuse a second network with the same name: needed before API 1.44, which always refuses and
    /// deprecates the field (`createNetwork` sets it by the agreed version).
    public var checkDuplicate: Bool?

    public init(name: String, driver: String? = nil, labels: [String: String]? = nil, ipam: IPAM? = nil,
                internal: Bool? = nil, attachable: Bool? = nil, options: [String: String]? = nil) {
        self.name = name
        self.driver = driver
        self.labels = labels
        self.ipam = ipam
        self.internal = `internal`
        self.attachable = attachable
        self.options = options
    }
}
