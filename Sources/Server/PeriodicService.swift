import Logging
import ServiceLifecycle

/// Runs `tick` every `interval` on an injected clock until graceful shutdown (the pass timer, the git poll).
struct PeriodicService: Service {
    let name: String
    let interval: Duration
    let clock: any Clock<Duration>
    let tick: @Sendable () async -> Void

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    try await clock.sleep(for: interval)
                    await tick()
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
