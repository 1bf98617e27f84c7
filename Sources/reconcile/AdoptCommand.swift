import ArgumentParser
import Controller

/// Starts the repository from what a host runs already; stops nothing.
struct AdoptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Write stacks/ and the host's placement for the containers a host runs already; stops nothing.",
        discussion: """
            Each Compose project becomes stacks/<project>/compose.yaml (its own file when readable here, else one \
            rebuilt from docker inspect); each container started by hand becomes a stack of its own. Existing \
            stacks are never overwritten. The next pass takes over, without recreating, every container that \
            equals its compose file, and replaces the others, saying why.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("project"), help: "Only this Compose project or stack (repeatable).")
    var projects: [String] = []

    func validate() throws {
        guard global.hosts.count == 1 else { throw ValidationError("adopt reads one host: pass --host NAME once") }
    }

    func run() async throws {
        let report = try await global.controller().adopt(host: global.hosts[0], projects: Set(projects))
        try global.output.print(report)
        if !report.succeeded { throw ExitCode.failure }
    }
}
