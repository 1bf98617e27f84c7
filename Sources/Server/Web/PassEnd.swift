import Controller

/// How a pass, or a rollback started from the status page, ended: the `outcome` of a `pass-finished` event,
/// which the page shows after `pass finished: `.
public enum PassEnd: Sendable, Equatable, Encodable, CustomStringConvertible {
    /// Every host's stacks ended applied, in sync, pending or held.
    case success
    /// Some stack failed, rolled back or was blocked, or a host was unreachable.
    case failure
    /// The pass could not run at all (the store unreadable, the checkout gone).
    case error
    /// The rollback ran on every host it named.
    case rollbackDone
    /// The rollback found no host that runs the stack.
    case rollbackFoundNoHost
    /// The rollback failed on a host: `reason` is its error, or its stack's outcome when there is none.
    case rollbackFailed(host: String, reason: String)
    /// The rollback could not run (`reason`: the error).
    case rollbackError(reason: String)

    /// The first failing host of a rollback, else done (or no host).
    public init(_ report: RollbackReport) {
        if let failure = report.results.first(where: { !$0.succeeded }) {
            self = .rollbackFailed(host: failure.host, reason: failure.error ?? failure.outcome.rawValue)
        } else {
            self = report.results.isEmpty ? .rollbackFoundNoHost : .rollbackDone
        }
    }

    /// The words the event carries (and the page prints), unchanged from when they were free text.
    public var description: String {
        switch self {
        case .success: "success"
        case .failure: "failure"
        case .error: "error"
        case .rollbackDone: "rollback done"
        case .rollbackFoundNoHost: "rollback found no host"
        case .rollbackFailed(let host, let reason): "rollback failed on \(host): \(reason)"
        case .rollbackError(let reason): "rollback failed: \(reason)"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
