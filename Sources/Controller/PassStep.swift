import FoundationEssentials

/// One step of a running pass as it happens, for whoever watches live (the daemon's status page).
///
/// `step` is the journal's name for what is about to run (`create-new`, `stop-old`, `rename-new`, `start-new`,
/// `health`, `remove-old`, `rollback`, …) or one of `pull`, `gate` (a health gate wait) and `stack-done`.
public struct PassStep: Sendable, Codable, Equatable {
    public var host: String
    public var stack: String?
    public var service: String?
    public var step: String
    /// The container, the image's pull status, `12s/2m` of a gate wait, or the stack's outcome.
    public var detail: String?

    public init(host: String, stack: String? = nil, service: String? = nil, step: String, detail: String? = nil) {
        self.host = host
        self.stack = stack
        self.service = service
        self.step = step
        self.detail = detail
    }
}

/// Sees each `PassStep`; called on the pass's own task, so it must return at once.
public typealias PassStepObserver = @Sendable (PassStep) -> Void
