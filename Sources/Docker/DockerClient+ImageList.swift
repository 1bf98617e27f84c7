import FoundationEssentials

/// Listing images: how a pass learns, in one request, which image each reference points at.
extension DockerClient {
    /// `GET /images/json`; `filters` e.g. `reference=lab/app:stable` (values are ORed).
    public func listImages(filters: DockerFilters = DockerFilters()) async throws -> [ImageSummary] {
        try await get("/images/json", query: DockerQuery([("filters", filters.queryValue)]), as: [ImageSummary].self)
    }
}

/// One row of `GET /images/json`.
public struct ImageSummary: Decodable, Sendable, Equatable {
    public var id: String
    public var repoTags: [String]
    public var repoDigests: [String]

    private enum CodingKeys: String, CodingKey {
        case id, repoTags, repoDigests
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        // Docker sends null (not []) for untagged images.
        repoTags = try c.decodeIfPresent([String].self, forKey: .repoTags) ?? []
        repoDigests = try c.decodeIfPresent([String].self, forKey: .repoDigests) ?? []
    }
}
