import ArgumentParser
import Controller

/// Checks the repo and prints every error like a compiler would.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check hosts/ and stacks/ (and that every encrypted file opens) and print every error with file:line:col."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let report = ValidationReport(try global.controller().validate())
        try global.output.print(report)
        if !report.valid { throw ExitCode.failure }
    }
}
