import Logging

/// Keeps one channel connected for as long as the daemon runs: after every end or failure it waits, doubling
/// the wait from `initialDelay` up to `maximumDelay`, and starts again from the shortest wait once connected.
struct SubscriptionLoop: Sendable {
    let channel: any TriggerChannel
    let sink: MessageSink
    let state: DaemonState
    let clock: any Clock<Duration>
    let logger: Logger
    var initialDelay: Duration = .milliseconds(500)
    var maximumDelay: Duration = .seconds(30)

    func run() async {
        let name = sink.name, state = state
        var delay = initialDelay
        while !Task.isCancelled {
            let connection = ConnectionMark()
            let ended: String
            do {
                try await channel.session(sink: sink) {
                    await connection.set()
                    await state.subscriptionConnected(name)
                }
                ended = "the connection ended"
            } catch is CancellationError {
                return
            } catch {
                ended = "\(error)"
            }
            if Task.isCancelled { return }
            await state.subscriptionLost(name, error: ended)
            if await connection.wasConnected { delay = initialDelay }
            logger.warning("subscription lost; reconnecting", metadata: [
                "subscription": .string(name), "error": .string(ended), "retry.in": .stringConvertible(delay),
            ])
            do { try await clock.sleep(for: delay) } catch { return }
            delay = min(delay * 2, maximumDelay)
        }
    }
}

/// Whether a session got as far as connecting (so the next wait starts short again).
actor ConnectionMark {
    private(set) var wasConnected = false
    func set() { wasConnected = true }
}
