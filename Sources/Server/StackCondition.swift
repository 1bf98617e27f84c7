import Controller

/// The state word of a stack in `/api/status` and on the status page (`state`), which the page's script maps to
/// its badges (`words` in StatusPage+Script.swift); the raw values are that JSON.
public enum StackCondition: String, Sendable, Codable, CaseIterable {
    case inSync = "in-sync"
    /// The last pass planned changes it did not apply.
    case drifted
    case pending
    case rolledBack = "rolled-back"
    case failed
    case blocked
    case held
    /// The stack page of a stack no pass has reported yet.
    case unknown

    /// The word for how a stack's last pass ended: applied counts as in sync, planned as drifted.
    public init(_ outcome: StackReport.Outcome) {
        switch outcome {
        case .inSync, .applied: self = .inSync
        case .planned: self = .drifted
        case .rolledBack: self = .rolledBack
        case .failed: self = .failed
        case .blocked: self = .blocked
        case .pending: self = .pending
        case .held: self = .held
        }
    }
}
