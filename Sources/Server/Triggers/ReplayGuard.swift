import FoundationEssentials
import Logging
import Store

/// The one place freshness and replays are judged, for every channel and the generic webhook signature: a
/// timestamp within ±5 minutes, and each id once. Ids are kept (in the Store, so a restart forgets none) until
/// their timestamp leaves the window; after that the freshness check alone refuses them.
public actor ReplayGuard {
    static let storeKey = "daemon.trigger-ids"
    /// How far a message's timestamp may be from the daemon's clock, in seconds.
    public static let window: Int64 = 300

    let store: Store?
    let logger: Logger
    /// id → the message's timestamp.
    var seen: [String: Int64] = [:]

    public init(store: Store?, logger: Logger) async {
        self.store = store
        self.logger = logger
        do {
            let saved = try await store?.value(forKey: Self.storeKey) ?? ""
            for line in saved.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 1)
                if parts.count == 2, let timestamp = Int64(parts[0]) { seen[String(parts[1])] = timestamp }
            }
        } catch {
            logger.warning("trigger ids seen before the restart are unreadable; replays are refused from now on",
                           metadata: ["error": .string("\(error)")])
        }
    }

    /// Whether a signed timestamp is within the window of `now`: the one definition every channel uses.
    public static func isFresh(_ timestamp: Int64, now: Date) -> Bool {
        abs(Int64(now.timeIntervalSince1970) - timestamp) <= window
    }

    /// nil when the message counts (and its id is now used up); otherwise why not.
    public func admit(id: String, timestamp: Int64, now: Date) async -> MessageRefusal? {
        let clock = Int64(now.timeIntervalSince1970)
        guard Self.isFresh(timestamp, now: now) else { return .stale }
        seen = seen.filter { clock - $0.value <= Self.window }
        guard seen[id] == nil else { return .replayed }
        seen[id] = timestamp
        await save()
        return nil
    }

    /// Whether `id` is remembered (for tests and the status).
    public func remembers(_ id: String) -> Bool { seen[id] != nil }

    private func save() async {
        guard let store else { return }
        let text = seen.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: "\n")
        do { try await store.setValue(text, forKey: Self.storeKey) } catch {
            // The message still counts; only a restart within five minutes could let its copy in again.
            logger.warning("could not keep the trigger id in the store", metadata: ["error": .string("\(error)")])
        }
    }
}
