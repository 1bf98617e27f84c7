import FoundationEssentials
import HTTP

/// Networks and volumes, both found by label.
extension DockerClient {
    /// `GET /networks`.
    public func listNetworks(filters: DockerFilters = DockerFilters()) async throws -> [NetworkSummary] {
        try await get("/networks", query: DockerQuery([("filters", filters.queryValue)]), as: [NetworkSummary].self)
    }

    /// `POST /networks/create`; returns the network ID.
    @discardableResult
    public func createNetwork(_ request: NetworkCreateRequest) async throws -> String {
        struct Created: Decodable { var id: String }
        let path = "/networks/create"
        var request = request
        request.checkDuplicate = try await agreedVersion().refusesDuplicateNetworks ? nil : true
        let response = try await call("POST", path, body: try encode(request, "POST", path))
        return try decode(Created.self, response.body, "POST", path).id
    }

    /// `POST /networks/{id}/connect`.
    public func connectNetwork(_ network: String, container: String, settings: EndpointSettings? = nil) async throws {
        struct Connect: Encodable { var container: String; var endpointConfig: EndpointSettings? }
        let path = "/networks/\(DockerQuery.segment(network))/connect"
        try await call("POST", path, body: try encode(Connect(container: container, endpointConfig: settings), "POST", path))
    }

    /// `POST /networks/{id}/disconnect`.
    public func disconnectNetwork(_ network: String, container: String, force: Bool = false) async throws {
        struct Disconnect: Encodable { var container: String; var force: Bool }
        let path = "/networks/\(DockerQuery.segment(network))/disconnect"
        try await call("POST", path, body: try encode(Disconnect(container: container, force: force), "POST", path))
    }

    /// `DELETE /networks/{id}`.
    public func removeNetwork(_ network: String) async throws {
        try await call("DELETE", "/networks/\(DockerQuery.segment(network))")
    }

    /// `GET /volumes`.
    public func listVolumes(filters: DockerFilters = DockerFilters()) async throws -> [Volume] {
        try await get("/volumes", query: DockerQuery([("filters", filters.queryValue)]), as: VolumeList.self).volumes ?? []
    }

    /// `POST /volumes/create`; creating an existing volume returns it unchanged.
    @discardableResult
    public func createVolume(_ request: VolumeCreateRequest) async throws -> Volume {
        let path = "/volumes/create"
        let response = try await call("POST", path, body: try encode(request, "POST", path))
        return try decode(Volume.self, response.body, "POST", path)
    }

    /// `DELETE /volumes/{name}`.
    public func removeVolume(_ name: String, force: Bool = false) async throws {
        try await call("DELETE", "/volumes/\(DockerQuery.segment(name))", query: DockerQuery([("force", force ? "1" : nil)]))
    }
}
