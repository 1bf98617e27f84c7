/// `GET /containers/{id}/json`: the parts reconcile acts on.
public struct ContainerInspect: Decodable, Sendable, Equatable {
    public var id: String
    /// With Docker's leading slash: `/web-app-1`.
    public var name: String
    /// The image ID (`sha256:…`) the container was created from.
    public var image: String
    public var created: String?
    public var restartCount: Int
    public var state: ContainerState
    public var config: ContainerConfig
    public var hostConfig: HostConfig?
    public var networkSettings: NetworkSettings?

    public struct NetworkSettings: Decodable, Sendable, Equatable {
        /// `"8080/tcp"` → bindings; `nil` for exposed but unpublished ports.
        public var ports: [String: [PortBinding]?]?
        public var networks: [String: AttachedNetwork]?
    }

    public struct AttachedNetwork: Decodable, Sendable, Equatable {
        public var networkID: String?
        public var ipAddress: String?
        public var aliases: [String]?
    }
}

/// `State` of an inspected container.
public struct ContainerState: Decodable, Sendable, Equatable {
    /// `created`, `running`, `paused`, `restarting`, `removing`, `exited`, `dead`.
    public var status: String
    public var running: Bool
    public var paused: Bool
    public var restarting: Bool
    public var oomKilled: Bool
    public var dead: Bool
    public var pid: Int
    public var exitCode: Int
    public var error: String
    public var startedAt: String
    public var finishedAt: String
    /// Present only when the container has a healthcheck.
    public var health: Health?

    public struct Health: Decodable, Sendable, Equatable {
        /// `starting`, `healthy`, `unhealthy`.
        public var status: String
        public var failingStreak: Int
        public var log: [HealthResult]?
    }

    public struct HealthResult: Decodable, Sendable, Equatable {
        public var start: String
        public var end: String
        public var exitCode: Int
        public var output: String
    }
}
