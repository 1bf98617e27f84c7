import Foundation
import Testing
@testable import Server

/// The pass timer on an injected clock: no real waiting.
@Suite struct TimerTests {
    @Test func intervalElapsingRunsATimerPass() async throws {
        let log = PassLog()
        let clock = ManualClock()
        let daemon = try await RunningDaemon.start(settings: DaemonSettings(interval: .seconds(300)),
                                                   source: LocalSource(directory: Fixtures.repo, environment: [:]),
                                                   runner: FakeRunner(log: log), clock: clock)
        #expect(await eventually { await log.count == 1 })
        #expect(await eventually { clock.sleeperCount == 1 })
        clock.advance(by: .seconds(299))
        try await Task.sleep(for: .milliseconds(100))
        #expect(await log.count == 1)
        clock.advance(by: .seconds(1))
        #expect(await eventually { await log.count == 2 })
        #expect(await log.requests.last?.triggers == ["timer"])
        #expect(await eventually { clock.sleeperCount == 1 })  // the next interval has started
        clock.advance(by: .seconds(300))
        #expect(await eventually { await log.count == 3 })
        await daemon.stop()
    }
}
