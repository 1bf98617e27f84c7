/// What the controller is about to do to one service, journaled *before* the first step runs.
public struct OperationIntent: Sendable, Codable, Equatable {
    public var host: String
    public var stack: String
    public var service: String
    /// What the operation does; recovery settles each kind its own way.
    public var kind: OperationKind
    /// JSON text with whatever recovery needs (container names, old/new ids, hashes), redacted.
    public var payload: String

    public init(host: String, stack: String, service: String, kind: OperationKind, payload: String) {
        self.host = host
        self.stack = stack
        self.service = service
        self.kind = kind
        self.payload = payload
    }
}
