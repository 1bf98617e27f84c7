/// One row of `GET /containers/json`: enough to plan without inspecting.
public struct ContainerSummary: Decodable, Sendable, Equatable {
    public var id: String
    /// With Docker's leading slash: `/web-app-1`.
    public var names: [String]
    public var image: String
    public var imageID: String
    public var labels: [String: String]
    /// `created`, `running`, `exited`, `paused`, `restarting`, `dead`.
    public var state: String
    /// Human text such as `Up 5 minutes (healthy)`.
    public var status: String
    /// Unix seconds.
    public var created: Int64
    public var ports: [Port]

    /// The exit code in `Exited (0) 5 minutes ago`; nil for a container that has not exited.
    public var exitCode: Int? {
        guard state == "exited", status.hasPrefix("Exited ("), let close = status.firstIndex(of: ")") else { return nil }
        return Int(status[status.index(status.startIndex, offsetBy: 8)..<close])
    }

    /// The first name without Docker's leading slash.
    public var name: String {
        let first = names.first ?? ""
        return first.hasPrefix("/") ? String(first.dropFirst()) : first
    }

    public struct Port: Decodable, Sendable, Equatable {
        public var ip: String?
        public var privatePort: Int
        public var publicPort: Int?
        public var type: String
    }

    private enum CodingKeys: String, CodingKey {
        case id, names, image, imageID, labels, state, status, created, ports
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        names = try c.decodeIfPresent([String].self, forKey: .names) ?? []
        image = try c.decodeIfPresent(String.self, forKey: .image) ?? ""
        imageID = try c.decodeIfPresent(String.self, forKey: .imageID) ?? ""
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        state = try c.decodeIfPresent(String.self, forKey: .state) ?? ""
        status = try c.decodeIfPresent(String.self, forKey: .status) ?? ""
        created = try c.decodeIfPresent(Int64.self, forKey: .created) ?? 0
        ports = try c.decodeIfPresent([Port].self, forKey: .ports) ?? []
    }
}
