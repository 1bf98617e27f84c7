/// What became of one notification: for logs, tests and the daemon's status.
public struct NotificationDelivery: Sendable, Hashable {
    public var channel: String
    public var event: NotificationEvent.Kind
    /// The server's HTTP status, when it answered.
    public var status: Int?
    public var error: String?
    public var duration: Duration = .zero

    public var delivered: Bool { error == nil }
}
