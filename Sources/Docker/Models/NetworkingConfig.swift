/// Docker's `NetworkingConfig`: which networks a new container joins, and how.
public struct NetworkingConfig: Codable, Sendable, Equatable {
    /// Network name → settings on that network.
    public var endpointsConfig: [String: EndpointSettings]?
    public init(endpointsConfig: [String: EndpointSettings]? = nil) {
        self.endpointsConfig = endpointsConfig
    }
}

/// A container's settings on one network (also the body of network connect).
public struct EndpointSettings: Codable, Sendable, Equatable {
    public var aliases: [String]?
    public var ipamConfig: EndpointIPAMConfig?
    /// Legacy links on this network, `container:alias`.
    public var links: [String]?
    /// API 1.44 on: the container's MAC address on this network.
    public var macAddress: String?
    public init(aliases: [String]? = nil, ipamConfig: EndpointIPAMConfig? = nil, links: [String]? = nil) {
        self.aliases = aliases
        self.ipamConfig = ipamConfig
        self.links = links
    }
}

/// A fixed address on a network (`ipv4_address` in Compose).
public struct EndpointIPAMConfig: Codable, Sendable, Equatable {
    public var ipv4Address: String?
    public var ipv6Address: String?
    public init(ipv4Address: String? = nil, ipv6Address: String? = nil) {
        self.ipv4Address = ipv4Address
        self.ipv6Address = ipv6Address
    }
}

/// The body of `POST /containers/create`: Docker flattens `Config`'s fields
/// into the top level next to `HostConfig` and `NetworkingConfig`.
public struct ContainerCreateRequest: Encodable, Sendable, Equatable {
    public var config: ContainerConfig
    public var hostConfig: HostConfig?
    public var networkingConfig: NetworkingConfig?

    public init(config: ContainerConfig, hostConfig: HostConfig? = nil, networkingConfig: NetworkingConfig? = nil) {
        self.config = config
        self.hostConfig = hostConfig
        self.networkingConfig = networkingConfig
    }

    private enum CodingKeys: String, CodingKey { case hostConfig, networkingConfig }

    public func encode(to encoder: any Encoder) throws {
        try config.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(hostConfig, forKey: .hostConfig)
        try container.encodeIfPresent(networkingConfig, forKey: .networkingConfig)
    }
}
