import ServiceLifecycle

/// Ends every `/api/events` stream when the daemon stops, so the listener's graceful shutdown does not wait
/// on browsers that would keep them open forever.
struct EventStreamCloser: Service {
    let events: LiveEvents

    func run() async throws {
        try? await gracefulShutdown()
        events.finishAll()
    }
}
