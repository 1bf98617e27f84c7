import ArgumentParser
import Controller
import FoundationEssentials
import Glibc
import Logging

/// Options every command shares: where the repo and the state live, what to look at, how to print.
struct GlobalOptions: ParsableArguments {
    @Option(help: "The repository checkout with hosts/ and stacks/ (env RECONCILE_REPO).")
    var repo: String = ProcessInfo.processInfo.environment["RECONCILE_REPO"] ?? "."

    @Option(name: .customLong("state-dir"),
            help: "Where history and the journal live (env RECONCILE_STATE_DIR; default ~/.local/state/reconcile).")
    var stateDir: String?

    @Option(name: .customLong("host"), help: "Only this host (repeatable); for `init`, a host to write as NAME=ENDPOINT.")
    var hosts: [String] = []

    @Option(name: .customLong("stack"), help: "Only this stack (repeatable).")
    var stacks: [String] = []

    @Option(help: "This installation's name (env RECONCILE_INSTANCE, default `default`): it owns, and prunes, only what it created.")
    var instance: String?

    @Option(name: .customLong("age-key-file"),
            help: "age identity file for encrypted repo files (env RECONCILE_AGE_KEY_FILE; default <state-dir>/age.key; mode 0600).")
    var ageKeyFile: String?

    @Option(help: "Output format: text or json.")
    var output: OutputFormat = .text

    @Flag(name: .shortAndLong, help: "Log what happens step by step (to stderr).")
    var verbose = false

    func settings() -> ControllerSettings {
        let env = ProcessInfo.processInfo.environment
        let state = stateDir ?? env["RECONCILE_STATE_DIR"] ?? ControllerSettings.defaultStateDirectory(environment: env)
        var settings = ControllerSettings(repository: URL(fileURLWithPath: repo).standardizedFileURL,
                                          stateDirectory: URL(fileURLWithPath: state),
                                          hostFilter: Set(hosts), stackFilter: Set(stacks), instance: instance)
        if let ageKeyFile { settings.ageKeyFile = ageKeyFile }
        if output == .text, isatty(STDERR_FILENO) == 1 {
            // Pull progress on one terminal line, redrawn; nothing of it when output goes to a file or a pipe,
            // or is JSON for a program.
            settings.pullProgress = { host, image, status in
                let line = status.isEmpty ? "" : "\(host): pulling \(image): \(status.prefix(60))"
                let bytes = Array("\r\u{1B}[K\(line)".utf8)
                _ = write(STDERR_FILENO, bytes, bytes.count)
            }
            settings.gateProgress = { host, container, wait, budget in
                // Cleared when the wait ends: the pass's report says how it ended.
                var line = ""
                if case .waiting(let waited) = wait {
                    line = "\(host): \(container): waiting for healthy \(Self.clock(waited)) / \(Self.clock(budget))"
                }
                let bytes = Array("\r\u{1B}[K\(line)".utf8)
                _ = write(STDERR_FILENO, bytes, bytes.count)
            }
        }
        return settings
    }

    /// `12 s`, `2 m`, `1 m 30 s`: a wait as a person reads it at a glance.
    static func clock(_ duration: Duration) -> String {
        let seconds = Int(duration.components.seconds)
        if seconds < 60 { return "\(seconds) s" }
        return seconds % 60 == 0 ? "\(seconds / 60) m" : "\(seconds / 60) m \(seconds % 60) s"
    }

    func logger() -> Logger {
        var logger = Logger(label: "reconcile") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }

    func controller() throws -> Controller {
        try Controller(settings: settings(), logger: logger())
    }

    /// Runs `body` with a controller, then stops the SSH masters it started, also when `body` throws:
    /// no `ssh` process outlives the command.
    func withController<T>(_ body: (Controller) async throws -> T) async throws -> T {
        let controller = try controller()
        do {
            let result = try await body(controller)
            await controller.settings.tunnels.closeAll()
            return result
        } catch {
            await controller.settings.tunnels.closeAll()
            throw error
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension OutputFormat {
    /// Prints a report in the chosen format.
    func print<R: Encodable & TextRenderable>(_ report: R) throws {
        switch self {
        case .text:
            Swift.print(report.renderText(), terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            Swift.print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
    }
}
