import Controller
import FoundationEssentials
import NIOConcurrencyHelpers

/// Fans a pass's steps out to every open `GET /api/events` stream, as server-sent events.
///
/// Fed synchronously from the controller's observer (which must not wait), so it is a lock, not an actor. The
/// steps of the running (or last) pass are kept, so a page opened mid-rollout replays what it missed.
public final class LiveEvents: Sendable {
    struct Hub {
        var nextID = 0
        /// Numbers the events (the SSE `id:`), so a page that reconnects and gets the replay skips what it saw.
        var sequence = 0
        var subscribers: [Int: AsyncStream<String>.Continuation] = [:]
        var recent: [String] = []
    }

    private let hub = NIOLockedValueBox(Hub())
    /// Steps kept for replay; a pull reports every layer, so a long pass keeps only its newest steps.
    let memory: Int

    public init(memory: Int = 200) {
        self.memory = memory
    }

    public func passStarted(triggers: [String]) {
        hub.withLockedValue { $0.recent.removeAll() }
        publish(LiveEvent(.passStarted(triggers: triggers)))
    }

    public func step(_ step: PassStep) {
        publish(LiveEvent(.step(step)))
    }

    public func passFinished(_ end: PassEnd, commit: String?) {
        publish(LiveEvent(.passFinished(end, commit: commit)))
    }

    /// The observer a pass request carries.
    public var observer: PassStepObserver {
        { [self] step in self.step(step) }
    }

    func publish(_ event: LiveEvent) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // An event that cannot be encoded is a bug in this file; the stream goes on without it.
        guard let data = try? encoder.encode(event) else { return }
        let body = String(decoding: data, as: UTF8.self)
        hub.withLockedValue { hub in
            hub.sequence += 1
            let message = "id: \(hub.sequence)\nevent: \(event.kind.rawValue)\ndata: \(body)\n\n"
            hub.recent.append(message)
            if hub.recent.count > memory { hub.recent.removeFirst(hub.recent.count - memory) }
            for subscriber in hub.subscribers.values { subscriber.yield(message) }
        }
    }

    /// A stream of SSE messages: the current pass's steps so far, then each new one; ends with `finishAll`.
    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1000))
        let id = hub.withLockedValue { hub in
            hub.nextID += 1
            for message in hub.recent { continuation.yield(message) }
            hub.subscribers[hub.nextID] = continuation
            return hub.nextID
        }
        continuation.onTermination = { [weak self] _ in
            self?.hub.withLockedValue { _ = $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Sends a comment to every stream, so proxies and the listener's idle timeout keep them open.
    func heartbeat() {
        hub.withLockedValue { hub in for subscriber in hub.subscribers.values { subscriber.yield(": ping\n\n") } }
    }

    var subscriberCount: Int { hub.withLockedValue { $0.subscribers.count } }

    /// Ends every stream (the daemon is stopping: open streams must not hold the listener's shutdown).
    func finishAll() {
        let subscribers = hub.withLockedValue { hub in
            defer { hub.subscribers.removeAll() }
            return Array(hub.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
    }
}
