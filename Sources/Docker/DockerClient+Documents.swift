import Basics
import FoundationEssentials
import HTTP

/// Inspect answers as Docker wrote them, for comparing a running container field by field with a desired one
/// (the typed models keep only what reconcile acts on).
extension DockerClient {
    /// `GET /containers/{id}/json`, every field, keys as Docker spells them.
    public func inspectContainerDocument(_ id: String) async throws -> JSONValue {
        try await document("/containers/\(DockerQuery.segment(id))/json")
    }

    /// `GET /images/{name}/json`, every field, keys as Docker spells them.
    public func inspectImageDocument(_ reference: String) async throws -> JSONValue {
        try await document("/images/\(DockerQuery.segment(reference))/json")
    }

    private func document(_ path: String) async throws -> JSONValue {
        let response = try await call("GET", path)
        // Parsed without the key strategies: labels and port keys stay exactly as Docker wrote them.
        guard let value = JSONValue.parse(response.body), value.object != nil else {
            let sample = String(decoding: response.body.prefix(200), as: UTF8.self)
            throw error("GET", path, .decoding("not a JSON object: \(sample)"))
        }
        return value
    }
}

extension ContainerCreateRequest {
    /// The body as the engine receives it, keys as Docker spells them: the desired side of a comparison with
    /// a running container's inspect.
    public func document() throws -> JSONValue {
        let data = try DockerJSON.encoder.encode(self)
        guard let value = JSONValue.parse(data) else { throw DockerDocumentError() }
        return value
    }
}

/// A create request that did not encode to a JSON object (it always does; typed for `throws`).
public struct DockerDocumentError: Error, CustomStringConvertible {
    public var description: String { "the container create request did not encode to a JSON object" }
}
