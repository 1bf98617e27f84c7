import ArgumentParser
import Controller

/// Each followed image: newest digest seen, when it was checked and will be next, and what each host runs.
struct ImagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "images",
        abstract: "Show watched images: newest digest seen, last and next check, back-off, and what each host runs."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try global.output.print(try await global.withController { try await $0.images() })
    }
}
