/// A volume from `GET /volumes` or `POST /volumes/create`.
public struct Volume: Decodable, Sendable, Equatable {
    public var name: String
    public var driver: String
    public var mountpoint: String?
    public var labels: [String: String]?
    public var options: [String: String]?
    public var scope: String?
    public var createdAt: String?
}

/// The body of `POST /volumes/create`.
public struct VolumeCreateRequest: Encodable, Sendable, Equatable {
    public var name: String
    public var driver: String?
    public var driverOpts: [String: String]?
    public var labels: [String: String]?

    public init(name: String, driver: String? = nil, driverOpts: [String: String]? = nil, labels: [String: String]? = nil) {
        self.name = name
        self.driver = driver
        self.driverOpts = driverOpts
        self.labels = labels
    }
}

/// `GET /volumes` wraps the list.
struct VolumeList: Decodable {
    var volumes: [Volume]?
}
