/// What one tag listing learned: every tag of the repository (all pages) or why not, plus the rate-limit
/// headers of the last answer.
public struct TagListResult: Sendable, Equatable {
    public var image: ImageName
    public var outcome: Result<[String], RegistryError>
    public var rateLimit: RateLimitHeaders
    /// Requests sent to the registry itself (token requests not counted): one per page, plus token retries.
    public var registryRequests: Int

    public var tags: [String]? { try? outcome.get() }
    public var error: RegistryError? {
        if case .failure(let error) = outcome { return error }
        return nil
    }
}
