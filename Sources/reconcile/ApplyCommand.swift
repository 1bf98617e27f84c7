import ArgumentParser
import Controller
import Notify

/// Options of a pass that changes hosts.
struct ApplyOptions: ParsableArguments {
    @Flag(help: "Replace unmanaged containers whose names clash with a service (recorded in history).")
    var adopt = false

    @Flag(name: .customLong("ignore-windows"), help: "Apply outside deploy windows (recorded in each revision).")
    var ignoreWindows = false

    @Option(name: .customLong("retry"), help: "Try again the held-back (rolled back) configs of this stack (repeatable).")
    var retry: [String] = []

    @Flag(name: .customLong("allow-mass-removal"),
          help: "Remove departed stacks even when that takes every stack of this repository off a host, or more than 3 at once.")
    var allowMassRemoval = false
}

/// One pass: observe, plan, apply, record.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Make every host match the repo once (the same as `reconcile --once`)."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: ApplyOptions

    func run() async throws {
        try await Self.runPass(global: global, options: options)
    }

    static func runPass(global: GlobalOptions, options: ApplyOptions) async throws {
        let report = try await global.withController { controller in
            try await controller.apply(ApplyRequest(adopt: options.adopt, retry: Set(options.retry),
                                                    ignoreWindows: options.ignoreWindows,
                                                    allowMassRemoval: options.allowMassRemoval))
        }
        try global.output.print(report)
        // `--once` from cron notifies like the daemon does.
        await NotifierSlot(environment: global.settings().environment, logger: global.logger())
            .notifier(for: global.settings().repository)?.notify(report)
        if !report.succeeded { throw ExitCode.failure }
    }
}
