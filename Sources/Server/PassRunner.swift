import Controller
import FoundationEssentials
import Logging
import Spec

/// The seam between the daemon and the controller, so coalescing and webhooks are tested without Docker.
public protocol PassRunner: Sendable {
    /// One apply pass on the checkout at `repository`.
    func apply(_ request: ApplyRequest, repository: URL) async throws -> PassReport
    /// Loads the checkout (for matching image notifications to services).
    func load(repository: URL) -> LoadResult
}

/// The real runner: a `Controller` per pass, pointed at the checkout the source says is good.
public struct ControllerPassRunner: PassRunner {
    public var settings: ControllerSettings
    public var logger: Logger

    public init(settings: ControllerSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    public func apply(_ request: ApplyRequest, repository: URL) async throws -> PassReport {
        var settings = settings
        settings.repository = repository
        return try await Controller(settings: settings, logger: logger).apply(request)
    }

    public func load(repository: URL) -> LoadResult {
        RepositoryLoader.load(root: repository.path, environment: settings.environment)
    }
}
