import FoundationEssentials

/// One step of a journaled operation, recorded before it runs.
public struct JournalStep: Sendable, Codable, Equatable {
    /// The step; recovery reads the last one to know how far the operation got.
    public var step: OperationStep
    /// Optional detail (a container id, a name), redacted by the caller.
    public var detail: String?
    /// When the Store recorded the step.
    public var recordedAt: Date

    public init(step: OperationStep, detail: String?, recordedAt: Date) {
        self.step = step
        self.detail = detail
        self.recordedAt = recordedAt
    }
}
