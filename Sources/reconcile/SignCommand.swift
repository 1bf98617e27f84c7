import ArgumentParser
import Server

/// `reconcile sign`: prints a signed trigger message for CI to publish (ntfy, MQTT, or POST /hooks/message).
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Print a signed trigger message for CI to publish to ntfy, MQTT or /hooks/message.",
        discussion: """
            The message is JSON: {event, ref/commit or image/tag/digest, timestamp, id, signature}. The daemon \
            counts it only when the signature matches triggers.secret_file of reconcile.yaml, the timestamp is \
            within 5 minutes of its clock, and the id is new: sign right before publishing, once per publish.
            """
    )

    @Option(name: .customLong("secret-file"), help: "The shared secret (the daemon's triggers.secret_file).")
    var secretFile: String

    @Flag(help: "A git push: the daemon fetches and applies the branch.")
    var git = false

    @Option(help: "With --git: the branch that moved.")
    var ref: String = "main"

    @Option(help: "With --git: the commit CI built (recorded with the pass).")
    var commit: String?

    @Option(help: "An image push: the reference with its tag, e.g. ghcr.io/org/app:1.5.")
    var image: String?

    @Option(help: "With --image: the digest the tag now names (sha256:…); the daemon then needs no registry request.")
    var digest: String?

    func validate() throws {
        guard git != (image != nil) else { throw ValidationError("give either --git or --image REF") }
        if git, digest != nil { throw ValidationError("--digest goes with --image, not --git") }
        for value in [ref, commit, image, digest].compactMap({ $0 }) where value.contains("\n") {
            throw ValidationError("values may not contain a newline")
        }
    }

    func run() throws {
        let secret = try Secret.read(file: secretFile)
        let message: SignedMessage
        if let image {
            let (repository, tag) = SignedMessage.splitImage(image)
            message = .signed(event: .image, image: repository, tag: tag ?? "latest", digest: digest, secret: secret)
        } else {
            message = .signed(event: .git, ref: ref, commit: commit, secret: secret)
        }
        print(message.json)
    }
}
