/// What one manifest check learned: the digest or why not, plus what the registry said about its
/// limits (even a failure can carry `RateLimit-Remaining` or `Retry-After`).
public struct ManifestResult: Sendable, Equatable {
    public var image: ImageName
    /// The `Docker-Content-Digest` of the tag, or the reason there is none.
    public var outcome: Result<String, RegistryError>
    /// Rate-limit headers of the last registry response.
    public var rateLimit: RateLimitHeaders
    /// Requests sent to the registry itself (token requests not counted): 1, or 2 after a token retry.
    public var registryRequests: Int

    public init(image: ImageName, outcome: Result<String, RegistryError>, rateLimit: RateLimitHeaders = RateLimitHeaders(),
                registryRequests: Int) {
        self.image = image
        self.outcome = outcome
        self.rateLimit = rateLimit
        self.registryRequests = registryRequests
    }

    /// The digest when the check succeeded.
    public var digest: String? { try? outcome.get() }
    /// The error when it failed.
    public var error: RegistryError? {
        if case .failure(let error) = outcome { return error }
        return nil
    }
}
