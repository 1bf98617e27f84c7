import ArgumentParser
import Controller
import FoundationEssentials
import Glibc
import Sealed

extension GlobalOptions {
    /// `--age-key-file`, else `RECONCILE_AGE_KEY_FILE`, else `age.key` in the state directory.
    var ageKeys: AgeKeys { AgeKeys(path: settings().ageKeyFile) }
}

/// `reconcile secrets …`: age files for users without the age or sops binaries.
struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "Encrypt, decrypt and edit age files; make the age key (see docs/secrets.md).",
        subcommands: [Encrypt.self, Decrypt.self, Edit.self, Keygen.self]
    )

    struct Encrypt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Encrypt FILE in place (armoured age) to the recipients, or to the key file's own.")

        @Argument(help: "The plain file, e.g. stacks/web/.env.") var file: String
        @Option(name: .customLong("recipient"), help: "An age1… recipient (repeatable).") var recipients: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let recipients = try SecretFiles.recipients(recipients, keys: global.ageKeys)
            try SecretFiles.encrypt(file, to: recipients)
            print("encrypted \(file) to \(recipients.map(\.description).joined(separator: ", "))")
        }
    }

    struct Decrypt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the plaintext of an age or SOPS file.")

        @Argument(help: "The encrypted file.") var file: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let plaintext = try SecretFiles.decrypt(file, keys: global.ageKeys)
            _ = plaintext.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open an age file decrypted in $EDITOR (a private tmpfs copy), re-encrypt it, wipe the copy.")

        @Argument(help: "The age file.") var file: String
        @Option(name: .customLong("recipient"), help: "Re-encrypt to this age1… recipient (repeatable; default: the key file's).")
        var recipients: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let env = ProcessInfo.processInfo.environment
            let editor = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
            let changed = try SecretFiles.edit(file, keys: global.ageKeys, recipients: recipients, editor: editor)
            print(changed ? "re-encrypted \(file)" : "\(file) unchanged")
        }
    }

    struct Keygen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the age key file (mode 0600) and print its public key, the recipient to encrypt to.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let path = global.ageKeys.path
            let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
            if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
            let identity = AgeIdentity.generate()
            try AgeKeyFile.create(path, identity: identity)
            print("created \(path)\npublic key: \(identity.recipient)")
        }
    }
}
