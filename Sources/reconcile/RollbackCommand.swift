import ArgumentParser
import Controller

/// Puts a stack back to an earlier recorded revision, by hand.
struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Redeploy an earlier revision of a stack (its recorded config and exact image IDs).",
        discussion: """
        By default the stack goes back to the applied revision before the newest applied one, on every host \
        it is placed on. The repo's current config is then held back until the repo changes or \
        `reconcile apply --retry STACK`. Environment values are only stored as fingerprints, so a revision \
        whose values differ from the repo's cannot be restored.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The stack to roll back.")
    var stack: String

    @Option(name: .customLong("to"), help: "The revision to return to (see `reconcile history`).")
    var revision: Int64?

    @Flag(name: .customLong("with-data"),
          help: "Also restore the data of snapshotted services as the revision left it (see `reconcile snapshots`).")
    var withData = false

    func run() async throws {
        if global.hosts.count > 1 { throw ValidationError("rollback takes at most one --host") }
        let request = RollbackRequest(stack: stack, host: global.hosts.first, revision: revision, withData: withData)
        let report = try await global.withController { try await $0.rollback(request) }
        try global.output.print(report)
        if !report.succeeded { throw ExitCode.failure }
    }
}
