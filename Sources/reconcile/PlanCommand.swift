import ArgumentParser
import Controller

/// What a pass would do and why, changing nothing.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what a pass would do and why, without changing anything."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .customLong("detailed-exitcode"), help: "Exit 0 when in sync, 2 when there are changes, 1 on error.")
    var detailedExitCode = false

    @Flag(help: "Plan as if unmanaged containers with clashing names were to be adopted.")
    var adopt = false

    func run() async throws {
        let report = try await global.withController { try await $0.plan(adopt: adopt) }
        try global.output.print(report)
        if !report.succeeded { throw ExitCode.failure }
        if detailedExitCode && report.hasChanges { throw ExitCode(2) }
    }
}
