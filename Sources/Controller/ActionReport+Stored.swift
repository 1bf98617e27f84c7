import Store

/// The one place the printed spelling of an action's outcome meets the stored one.
extension ActionReport.Outcome {
    /// As the revision history stores it.
    public var stored: ActionOutcome {
        switch self {
        case .done: .done
        case .failed: .failed
        case .skipped: .skipped
        case .blocked: .blocked
        case .rolledBack: .rolledBack
        }
    }

    /// As commands print a stored one (`history`).
    public init(_ stored: ActionOutcome) {
        switch stored {
        case .done: self = .done
        case .failed: self = .failed
        case .skipped: self = .skipped
        case .blocked: self = .blocked
        case .rolledBack: self = .rolledBack
        }
    }
}

extension ActionRecord {
    /// A reported action as the revision records it.
    init(_ report: ActionReport) {
        self.init(kind: report.kind, service: report.service, reasons: report.reasons, outcome: report.outcome?.stored,
                  error: report.error)
    }
}
