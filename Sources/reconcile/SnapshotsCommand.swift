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
        never removes its snapshots.
        """
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try global.output.print(try await global.controller().snapshots(stacks: Set(global.stacks)))
    }
}
