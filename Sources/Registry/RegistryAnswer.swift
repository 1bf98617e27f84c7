/// What every registry answer tells the watcher besides its value: the requests it took, the rate-limit headers
/// of the last response and the error, so one budget and one pause rule serve digest checks and tag listings.
protocol RegistryAnswer: Sendable {
    var registryRequests: Int { get }
    var rateLimit: RateLimitHeaders { get }
    var error: RegistryError? { get }
}

extension ManifestResult: RegistryAnswer {}
extension TagListResult: RegistryAnswer {}
