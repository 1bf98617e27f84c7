import ArgumentParser
import Server

/// Version updates (`x-reconcile.updates: {policy: semver}`): list, commit, approve, skip.
struct UpdatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "updates",
        abstract: "List newer versions the update policies allow; commit, approve or skip them.",
        discussion: """
        Tags are listed within each registry's request budget. An update is applied as a git commit that changes \
        only the tag (in the compose file or the `.env` variable it comes from), pushed to the checkout's remote; \
        the next pass deploys it. `--commit` commits the updates whose policy says `mode: auto` (for `--once` users).
        """,
        subcommands: [Approve.self, Skip.self]
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var push: PushOptions

    @Flag(help: "Commit and push the updates whose policy says `mode: auto`, and retry pushes that failed.")
    var commit = false

    func run() async throws {
        try global.output.print(try await push.run(.list(commit: commit), global: global))
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Commit and push a pending update now.")
        @OptionGroup var update: ChosenUpdate

        func run() async throws { try await update.run(UpdatesCommandRun.Action.approve) }
    }

    struct Skip: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Never propose this version of this service again.")
        @OptionGroup var update: ChosenUpdate

        func run() async throws { try await update.run(UpdatesCommandRun.Action.skip) }
    }
}

/// The update `approve` and `skip` decide about, with the options both take.
struct ChosenUpdate: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @OptionGroup var push: PushOptions
    @Argument(help: "The update's id, as `reconcile updates` lists it.") var id: Int64

    /// Runs the decision `action` makes of the id and prints the report.
    func run(_ action: (Int64) -> UpdatesCommandRun.Action) async throws {
        try global.output.print(try await push.run(action(id), global: global))
    }
}

/// Where update commits go.
struct PushOptions: ParsableArguments {
    @Option(help: "The remote branch to push update commits to (default: the checkout's current branch).")
    var branch: String?

    @Option(help: "The git remote to push to.")
    var remote = "origin"

    func run(_ action: UpdatesCommandRun.Action, global: GlobalOptions) async throws -> UpdatesReport {
        let runner = UpdatesCommandRun(controller: try global.controller(), logger: global.logger(),
                                       branch: branch, remote: remote)
        return try await runner.run(action)
    }
}
