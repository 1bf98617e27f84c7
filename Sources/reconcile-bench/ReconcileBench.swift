import ArgumentParser

/// `reconcile-bench`: in-process benchmarks that need no Docker engine (the planner today).
///
/// The end-to-end comparison with `docker compose` lives in `scripts/bench`, which calls this for the
/// part that has to run inside one process to be measured at all.
@main
struct ReconcileBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile-bench",
        abstract: "In-process benchmarks of reconcile's pure parts.",
        subcommands: [PlanBenchmarkCommand.self, StatusPageBenchmarkCommand.self]
    )
}
