import ArgumentParser
import Controller

/// Lists the data snapshots taken before updates (`x-reconcile.snapshots`).
struct SnapshotsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshots",
        abstract: "List data snapshots: revision, service, size, created.",
        discussion: """
        A snapshot is taken before a snapshotted service is recreated; each service keeps `keep` of them. \
        `reconcile rollback STACK --to REV --with-data` restores the data a revision left. Removing a stack \
        never removes its snapshots: `reconcile snapshots --remove --stack S` does.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Remove the snapshots (volumes and records) of the stacks named by --stack, on every host.")
    var remove = false

    func validate() throws {
        if remove && global.stacks.isEmpty {
            throw ValidationError("--remove needs --stack S: name the stacks whose snapshots to remove")
        }
    }

    func run() async throws {
        let controller = try global.controller()
        guard remove else {
            return try global.output.print(try await controller.snapshots(stacks: Set(global.stacks)))
        }
        let removal = try await controller.removeSnapshots(stacks: Set(global.stacks))
        try global.output.print(removal)
        if !removal.failures.isEmpty { throw ExitCode(1) }
    }
}
