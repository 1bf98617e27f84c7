/// `GET /images/{name}/json`.
public struct ImageInspect: Decodable, Sendable, Equatable {
    /// `sha256:…`.
    public var id: String
    public var repoTags: [String]?
    /// `name@sha256:…` for images that came from a registry.
    public var repoDigests: [String]?
    public var created: String?
    public var config: ContainerConfig?
}

/// One line of a pull's progress stream.
public struct PullProgress: Decodable, Sendable, Equatable {
    public var status: String?
    /// Layer ID the line is about.
    public var id: String?
    public var progress: String?
    public var error: String?
    public var errorDetail: ErrorDetail?

    public struct ErrorDetail: Decodable, Sendable, Equatable {
        public var message: String?
        public var code: Int?
    }
}

/// `GET /version`.
public struct VersionInfo: Decodable, Sendable, Equatable {
    public var version: String
    public var apiVersion: String
    public var minAPIVersion: String?
    public var os: String?
    public var arch: String?
    public var kernelVersion: String?
}
