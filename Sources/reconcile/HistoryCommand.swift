import ArgumentParser
import Controller
import FoundationEssentials

/// Revisions newest first; `history show REV` prints one in full.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List recorded revisions, newest first.",
        subcommands: [ShowRevision.self]
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "At most this many revisions.")
    var limit = 20

    func run() async throws {
        let controller = try global.controller()
        let list = try await controller.history(hosts: Set(global.hosts), stacks: Set(global.stacks), limit: limit)
        try global.output.print(list)
    }

    struct ShowRevision: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print one revision in full.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The revision number.")
        var revision: Int64

        func run() async throws {
            guard let record = try await global.controller().revision(revision) else {
                throw ValidationError("no revision \(revision) in \(global.settings().databasePath.path)")
            }
            try global.output.print(record)
        }
    }
}
