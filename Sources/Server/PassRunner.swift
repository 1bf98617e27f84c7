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
    /// `reconcile rollback` on the checkout at `repository` (the status page's "roll back to this revision").
    func rollback(_ request: RollbackRequest, repository: URL, observer: PassStepObserver?) async throws -> RollbackReport
    /// The live containers of one stack on one host (the status page's stack view).
    func stackContainers(host: String, stack: String, repository: URL) async throws -> StackContainers
}

extension PassRunner {
    /// Runners that only count passes (tests) cannot roll back.
    public func rollback(_ request: RollbackRequest, repository: URL, observer: PassStepObserver?) async throws
        -> RollbackReport {
        throw DaemonError.rollbackUnavailable
    }

    /// Runners without engines (tests) have no containers to show.
    public func stackContainers(host: String, stack: String, repository: URL) async throws -> StackContainers {
        throw DaemonError.containersUnavailable
    }
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
        if let observer = request.observer {
            settings.stepObserver = observer
            settings.pullProgress = { host, image, status in
                observer(PassStep(host: host, step: "pull", detail: status.isEmpty ? image : "\(image): \(status)"))
            }
            settings.gateProgress = { host, container, wait, budget in
                let detail = switch wait {
                case .waiting(let waited): "\(Int(waited.components.seconds))s of \(Int(budget.components.seconds))s"
                case .passed: "passed"
                case .failed: "failed"
                }
                observer(PassStep(host: host, service: container, step: "gate", detail: detail))
            }
        }
        return try await Controller(settings: settings, logger: logger).apply(request)
    }

    public func rollback(_ request: RollbackRequest, repository: URL, observer: PassStepObserver?) async throws
        -> RollbackReport {
        var settings = settings
        settings.repository = repository
        settings.stepObserver = observer
        return try await Controller(settings: settings, logger: logger).rollback(request)
    }

    public func stackContainers(host: String, stack: String, repository: URL) async throws -> StackContainers {
        var settings = settings
        settings.repository = repository
        return try await Controller(settings: settings, logger: logger).stackContainers(host: host, stack: stack)
    }

    public func load(repository: URL) -> LoadResult {
        RepositoryLoader.load(root: repository.path, environment: settings.environment)
    }
}
