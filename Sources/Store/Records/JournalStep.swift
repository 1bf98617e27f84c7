import FoundationEssentials

/// One step of a journaled operation, recorded before it runs (e.g. "stop-old", "rename-new").
public struct JournalStep: Sendable, Codable, Equatable {
    /// The step name; recovery reads the last one to know how far the operation got.
    public var step: String
    /// Optional detail (a container id, a name), redacted by the caller.
    public var detail: String?
    /// When the Store recorded the step.
    public var recordedAt: Date

    public init(step: String, detail: String?, recordedAt: Date) {
        self.step = step
        self.detail = detail
        self.recordedAt = recordedAt
    }
}
