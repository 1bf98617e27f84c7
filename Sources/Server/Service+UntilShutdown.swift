import ServiceLifecycle

extension Service {
    /// Runs `work` (cancelled by a graceful shutdown), then waits for the shutdown: a service that returns ends the
    /// whole daemon, and one with nothing (left) to run must not.
    func runUntilShutdown(_ work: @escaping @Sendable () async -> Void) async {
        await cancelWhenGracefulShutdown { await work() }
        do { try await gracefulShutdown() } catch { return }
    }
}
