import ArgumentParser
import Server

/// `reconcile trigger`: asks a running daemon for a pass now (from a git hook, a cron job, by hand).
struct TriggerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trigger",
        abstract: "Ask a running daemon for a pass now (POST /api/trigger, signed with the webhook secret)."
    )

    @Option(help: "The daemon's address.")
    var url: String = env("URL") ?? "http://127.0.0.1:9420"

    @Option(name: .customLong("secret-file"), help: "The daemon's --webhook-secret-file (env RECONCILE_WEBHOOK_SECRET_FILE).")
    var secretFile: String?

    @Option(help: "Recorded with the pass, e.g. post-receive:<commit>.")
    var reason: String = "manual"

    mutating func validate() throws {
        secretFile = secretFile ?? env("WEBHOOK_SECRET_FILE")
    }

    func run() async throws {
        guard let secretFile else {
            throw ValidationError("give --secret-file (the daemon's --webhook-secret-file) to sign the trigger")
        }
        let client = try TriggerClient(url: url, secret: try Secret.read(file: secretFile))
        print(try await client.send(reason: reason))
    }
}
