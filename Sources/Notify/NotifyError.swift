/// Why a notification could not be sent; logged, never thrown out of the notifier.
public struct NotifyError: Error, Sendable, CustomStringConvertible {
    /// The channel's name from the config (type and server host; never a token).
    public var channel: String
    public var reason: String

    public init(channel: String, reason: String) {
        self.channel = channel
        self.reason = reason
    }

    public var description: String {
        channel.isEmpty ? "notification: \(reason)" : "notification to \(channel): \(reason)"
    }
}
