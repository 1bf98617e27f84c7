import ArgumentParser
import FoundationEssentials
import Planner

/// `reconcile-bench plan --services N`: times `Planner.plan` on a synthetic host and prints one JSON line.
struct PlanBenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Time the pure plan function for N services (in-sync, changed, stopped and unmanaged mixed)."
    )

    @Option(help: "Services on the synthetic host.")
    var services: Int = 100

    @Option(name: .customLong("per-stack"), help: "Services per stack.")
    var perStack: Int = 10

    @Option(help: "Timed plans; the first (warm-up) one is not counted.")
    var rounds: Int = 5

    func validate() throws {
        guard services > 0 else { throw ValidationError("--services must be at least 1") }
        guard perStack > 0 else { throw ValidationError("--per-stack must be at least 1") }
        guard rounds > 0 else { throw ValidationError("--rounds must be at least 1") }
    }

    func run() async throws {
        let state = SyntheticState(services: services, perStack: perStack)
        let input = state.input()
        let before = ResourceUsage.currentRSSKiB()
        var plan = Planner.plan(input)
        let timings = await Timings.measure(rounds: rounds) { plan = Planner.plan(input) }
        let kinds = Dictionary(grouping: plan.stacks.flatMap(\.actions), by: \.kind).mapValues(\.count)
        try printJSONLine(PlanBenchmarkResult(
            services: services, stacks: plan.stacks.count, rounds: rounds, wall: timings.wall, cpu: timings.cpu,
            inputRSSKiB: before, peakRSSKiB: ResourceUsage.now().peakRSSKiB,
            actions: Dictionary(uniqueKeysWithValues: kinds.map { ($0.key.rawValue, $0.value) })))
    }
}

/// What one `plan` benchmark run found, printed as a single JSON object for `scripts/bench`.
struct PlanBenchmarkResult: Encodable {
    var services: Int
    var stacks: Int
    var rounds: Int
    /// Wall seconds per plan (a loaded machine stretches these).
    var medianSeconds: Double
    var minSeconds: Double
    var maxSeconds: Double
    /// CPU seconds per plan (what the planner itself costs).
    var medianCPUSeconds: Double
    var maxCPUSeconds: Double
    /// Resident memory once the synthetic input was built, before planning.
    var inputRSSKiB: Int
    /// Peak resident memory of the whole process (input + plans).
    var peakRSSKiB: Int
    /// Actions by kind, to show the plan did the work it should.
    var actions: [String: Int]

    init(services: Int, stacks: Int, rounds: Int, wall: Samples, cpu: Samples, inputRSSKiB: Int, peakRSSKiB: Int,
         actions: [String: Int]) {
        self.services = services
        self.stacks = stacks
        self.rounds = rounds
        medianSeconds = wall.median
        minSeconds = wall.min
        maxSeconds = wall.max
        medianCPUSeconds = cpu.median
        maxCPUSeconds = cpu.max
        self.inputRSSKiB = inputRSSKiB
        self.peakRSSKiB = peakRSSKiB
        self.actions = actions
    }
}
