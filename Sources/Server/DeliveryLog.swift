import Store

/// The recent webhook delivery ids, bounded, so a replayed delivery is refused; kept in the Store across restarts.
public actor DeliveryLog {
    static let storeKey = "daemon.webhook-deliveries"
    let capacity: Int
    let store: Store?
    var order: [String] = []
    var seen: Set<String> = []

    public init(capacity: Int, store: Store? = nil) async {
        self.capacity = max(1, capacity)
        self.store = store
        let saved = (try? await store?.value(forKey: Self.storeKey)) ?? nil
        for id in (saved ?? "").split(separator: "\n").map(String.init) where !id.isEmpty { remember(id) }
    }

    /// Records `id`; false when it was already seen (a replay).
    public func firstSighting(_ id: String) async -> Bool {
        guard !seen.contains(id) else { return false }
        remember(id)
        // Losing the persisted copy only weakens replay protection across restarts; the hook still runs.
        try? await store?.setValue(order.joined(separator: "\n"), forKey: Self.storeKey)
        return true
    }

    /// Forgets `id`, so the same delivery is accepted again (its first sighting did not get its work done).
    public func forget(_ id: String) async {
        guard seen.remove(id) != nil else { return }
        order.removeAll { $0 == id }
        // Losing the persisted copy only means the link stays used after a restart; `reconcile updates` still decides.
        try? await store?.setValue(order.joined(separator: "\n"), forKey: Self.storeKey)
    }

    private func remember(_ id: String) {
        guard seen.insert(id).inserted else { return }
        order.append(id)
        if order.count > capacity { seen.remove(order.removeFirst()) }
    }
}
