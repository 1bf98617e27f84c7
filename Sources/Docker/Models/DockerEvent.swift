/// One event from `GET /events`.
public struct DockerEvent: Decodable, Sendable, Equatable {
    /// `container`, `image`, `network`, `volume`, …
    public var type: String
    /// `create`, `start`, `die`, `health_status: healthy`, …
    public var action: String
    public var actor: Actor
    public var scope: String?
    /// Unix seconds.
    public var time: Int64
    public var timeNano: Int64?

    public struct Actor: Decodable, Sendable, Equatable {
        /// Container, image, network or volume ID.
        public var id: String
        /// Labels plus `name`, `image`, `exitCode`, …
        public var attributes: [String: String]?
    }
}
