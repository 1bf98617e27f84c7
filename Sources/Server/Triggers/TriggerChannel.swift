/// One outbound connection kind (MQTT, ntfy): connect, say so, hand every message to the sink, and return or
/// throw when the connection ends. Reconnecting is the `SubscriptionLoop`'s job, the same for every kind.
protocol TriggerChannel: Sendable {
    var subscription: TriggerConfig.Subscription { get }
    func session(sink: MessageSink, connected: @escaping @Sendable () async -> Void) async throws
}
