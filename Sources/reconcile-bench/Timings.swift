/// Wall and CPU seconds of repeated runs of one piece of work, for the benchmark commands.
struct Timings: Sendable {
    var wall: Samples
    var cpu: Samples

    /// Runs `work` `rounds` times, timing each run; the caller does any warm-up before.
    static func measure(rounds: Int, _ work: () async throws -> Void) async rethrows -> Timings {
        var wall: [Double] = []
        var cpu: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<rounds {
            let cpuBefore = ResourceUsage.now().cpuSeconds
            let start = clock.now
            try await work()
            let elapsed = (clock.now - start).components
            cpu.append(ResourceUsage.now().cpuSeconds - cpuBefore)
            wall.append(Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
        }
        return Timings(wall: Samples(values: wall), cpu: Samples(values: cpu))
    }
}
