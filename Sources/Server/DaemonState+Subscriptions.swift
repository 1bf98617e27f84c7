import FoundationEssentials

/// What the subscriptions report about themselves, for `/api/status` and `/metrics`.
extension DaemonState {
    func subscriptionAdded(_ name: String, kind: String) {
        if subscriptions[name] == nil { subscriptions[name] = SubscriptionStatus(name: name, kind: kind) }
    }

    func subscriptionConnected(_ name: String, at time: Date = Date()) {
        guard var status = subscriptions[name] else { return }
        if status.connections > 0 { status.reconnects += 1 }
        status.connections += 1
        status.connected = true
        status.connectedSince = time
        subscriptions[name] = status
    }

    func subscriptionLost(_ name: String, error: String) {
        subscriptions[name]?.connected = false
        subscriptions[name]?.connectedSince = nil
        subscriptions[name]?.lastError = error
    }

    /// A message arrived: accepted when `refusal` is nil, else counted under the refusal's name.
    func subscriptionMessage(_ name: String, id: String?, refusal: MessageRefusal?, at time: Date = Date()) {
        guard var status = subscriptions[name] else { return }
        status.lastMessageAt = time
        status.lastMessageID = id ?? status.lastMessageID
        if let refusal { status.rejected[refusal.rawValue, default: 0] += 1 } else { status.accepted += 1 }
        subscriptions[name] = status
    }

    public func subscriptionStatuses() -> [SubscriptionStatus] {
        subscriptions.values.sorted { $0.name < $1.name }
    }
}
