import ArgumentParser

/// `reconcile`: make Docker hosts match a git repository.
///
/// `reconcile --once` (or `reconcile apply`) runs one pass; the subcommands
/// look without touching (`plan`, `validate`, `status`, `history`).
@main
struct Reconcile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Make Docker hosts match the hosts/ and stacks/ of a git repository.",
        subcommands: [ApplyCommand.self, PlanCommand.self, ValidateCommand.self, StatusCommand.self,
                      HistoryCommand.self, ImagesCommand.self, RollbackCommand.self, SnapshotsCommand.self,
                      DaemonCommand.self, TriggerCommand.self, SignCommand.self, SecretsCommand.self, InitCommand.self,
                      AdoptCommand.self, UpdatesCommand.self]
    )

    @Flag(name: .long, help: "Run one pass (the same as `reconcile apply`) and exit.")
    var once = false

    @OptionGroup var global: GlobalOptions
    @OptionGroup var apply: ApplyOptions

    func run() async throws {
        // A bare `reconcile` is someone finding their way: show the help, not an error.
        guard once else { throw CleanExit.helpRequest(self) }
        try await ApplyCommand.runPass(global: global, options: apply)
    }
}
