import ArgumentParser
import Controller

/// Per host: reachable or not, engine version; per stack: in sync, drifted or failed.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each host's reachability and each stack's state (in sync, drifted, failed)."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let report = try await global.withController { try await $0.status() }
        try global.output.print(report)
        if !report.healthy { throw ExitCode.failure }
    }
}
