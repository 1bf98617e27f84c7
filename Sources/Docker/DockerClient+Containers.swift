import FoundationEssentials
import HTTP
import Logging

/// Container lifecycle: list, inspect, create, start, stop, rename, remove.
extension DockerClient {
    /// `GET /containers/json`; `all` includes stopped containers.
    public func listContainers(all: Bool = false, filters: DockerFilters = DockerFilters()) async throws -> [ContainerSummary] {
        try await get("/containers/json", query: DockerQuery([("all", all ? "1" : nil), ("filters", filters.queryValue)]),
                      as: [ContainerSummary].self)
    }

    /// `GET /containers/{id}/json`; `id` may be an ID or a name.
    public func inspectContainer(_ id: String) async throws -> ContainerInspect {
        try await get("/containers/\(DockerQuery.segment(id))/json", as: ContainerInspect.self)
    }

    /// `POST /containers/create?name=&platform=`; returns the new container's ID.
    @discardableResult
    public func createContainer(name: String?, platform: String? = nil, _ request: ContainerCreateRequest) async throws -> String {
        struct Created: Decodable { var id: String; var warnings: [String]? }
        let path = "/containers/create"
        let body = try encode(request, "POST", path)
        let response = try await call("POST", path, query: DockerQuery([("name", name), ("platform", platform)]), body: body)
        let created = try decode(Created.self, response.body, "POST", path)
        for warning in created.warnings ?? [] {
            logger.warning("docker create warning", metadata: ["container.name": .string(name ?? created.id), "docker.warning": .string(warning)])
        }
        return created.id
    }

    /// `POST /containers/{id}/start`; starting a running container is not an error (304).
    public func startContainer(_ id: String) async throws {
        try await call("POST", "/containers/\(DockerQuery.segment(id))/start", alsoOK: [304])
    }

    /// `POST /containers/{id}/stop?t=`; Docker kills after `timeout` seconds. Stopped already is fine (304).
    public func stopContainer(_ id: String, timeout seconds: Int? = nil) async throws {
        try await call("POST", "/containers/\(DockerQuery.segment(id))/stop",
                       query: DockerQuery([("t", seconds.map(String.init))]),
                       timeout: requestTimeout(forStop: seconds), alsoOK: [304])
    }

    /// `POST /containers/{id}/restart?t=`.
    public func restartContainer(_ id: String, timeout seconds: Int? = nil) async throws {
        try await call("POST", "/containers/\(DockerQuery.segment(id))/restart",
                       query: DockerQuery([("t", seconds.map(String.init))]), timeout: requestTimeout(forStop: seconds))
    }

    /// `POST /containers/{id}/rename?name=`.
    public func renameContainer(_ id: String, to newName: String) async throws {
        try await call("POST", "/containers/\(DockerQuery.segment(id))/rename", query: DockerQuery([("name", newName)]))
    }

    /// `DELETE /containers/{id}`; `force` kills a running one, `volumes` drops its anonymous volumes.
    public func removeContainer(_ id: String, force: Bool = false, volumes: Bool = false) async throws {
        try await call("DELETE", "/containers/\(DockerQuery.segment(id))",
                       query: DockerQuery([("force", force ? "1" : nil), ("v", volumes ? "1" : nil)]))
    }

    /// `POST /containers/{id}/wait?condition=`; returns the exit code once the condition holds.
    public func waitContainer(_ id: String, condition: String = "not-running", timeout: Duration? = nil) async throws -> Int {
        struct Waited: Decodable { var statusCode: Int }
        let path = "/containers/\(DockerQuery.segment(id))/wait"
        let response = try await call("POST", path, query: DockerQuery([("condition", condition)]), timeout: timeout)
        return try decode(Waited.self, response.body, "POST", path).statusCode
    }

    /// `PUT /containers/{id}/archive?path=`: unpacks a tar into the container at `path` (its mounts included; the
    /// container need not run).
    public func putArchive(_ id: String, path: String, tar: Data, timeout: Duration? = nil) async throws {
        try await call("PUT", "/containers/\(DockerQuery.segment(id))/archive", query: DockerQuery([("path", path)]),
                       body: tar, contentType: "application/x-tar", timeout: timeout)
    }

    /// `GET /containers/{id}/archive?path=`: `path` as a tar whose entries start with its last component. The
    /// whole archive is held in memory.
    public func getArchive(_ id: String, path: String, timeout: Duration? = nil) async throws -> Data {
        try await call("GET", "/containers/\(DockerQuery.segment(id))/archive", query: DockerQuery([("path", path)]),
                       timeout: timeout).body
    }

    /// `HEAD /containers/{id}/archive?path=`: whether `path` exists in the container, its mounts included.
    public func pathExists(_ id: String, path: String) async throws -> Bool {
        let response = try await call("HEAD", "/containers/\(DockerQuery.segment(id))/archive",
                                      query: DockerQuery([("path", path)]), alsoOK: [404])
        return response.status != 404
    }

    /// `GET /containers/{id}/logs`: stdout and stderr as text, the last `tail` lines if given.
    public func logs(_ id: String, tail: Int? = nil) async throws -> String {
        let query = DockerQuery([("stdout", "1"), ("stderr", "1"), ("tail", tail.map(String.init))])
        let response = try await call("GET", "/containers/\(DockerQuery.segment(id))/logs", query: query)
        return DockerLogFrames.text(from: response.body)
    }

    /// A stop may take its grace period plus Docker's own work; never cut it short.
    private func requestTimeout(forStop seconds: Int?) -> Duration {
        .seconds((seconds ?? 10) + 30)
    }
}
