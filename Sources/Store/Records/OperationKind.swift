/// What a journaled operation does to one service; the raw values are what `operations.kind` holds.
public enum OperationKind: String, Sendable, Codable, CaseIterable {
    /// A new service's first container.
    case create
    /// A new container replaces the old one behind the health gate.
    case recreate
    /// A departed service's container is stopped and removed.
    case remove
}
