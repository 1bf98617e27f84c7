import Basics
import FoundationEssentials
import Sealed

/// Opens the age and SOPS files a load meets (`.env`, `env_file`, and checks shipped files), in memory only.
///
/// Nothing decrypted is registered with the diagnostic sink, so an error never prints a line of plaintext.
struct EncryptedFiles {
    /// nil when the caller gave no key file: an encrypted file is then an error that says how to give one.
    let keys: AgeKeys?
    let sink: DiagnosticSink

    /// The message for a parse error in decrypted text: the parser's own could quote a value.
    static let withheld = "the decrypted file does not parse here (details withheld: they could quote a secret); "
        + "look with `reconcile secrets decrypt`"

    /// A file's text for parsing, and what it was.
    struct Text {
        var text: String
        /// Set for an encrypted file: its kind, and the variables when it is a SOPS dotenv (taken as they are).
        var kind: SealedFile.Kind?
        var sopsEntries: [(key: String, value: String)]?
    }

    /// `data` as text: decrypted when it is an encrypted file, as it is otherwise; nil after reporting an error.
    func text(of data: Data, file: String) -> Text? {
        let bytes = Array(data)
        guard let kind = SealedFile.kind(of: bytes) else { return Text(text: String(decoding: data, as: UTF8.self)) }
        guard let opened = open(bytes, kind: kind, file: file) else { return nil }
        return Text(text: String(decoding: opened.plaintext, as: UTF8.self), kind: kind, sopsEntries: opened.entries)
    }

    /// What a repository file turned out to be.
    enum FileOutcome {
        case plain
        case decrypted(String)
        /// Encrypted but not opened; the error is reported.
        case failed
    }

    /// Opens the file at `path` when it is encrypted (UTF-8 text only: it becomes a value copied into containers).
    func open(fileAt path: String, file: String) -> FileOutcome {
        guard let data = FileManager.default.contents(atPath: path) else { return .plain }
        let bytes = Array(data)
        guard let kind = SealedFile.kind(of: bytes) else { return .plain }
        guard let opened = open(bytes, kind: kind, file: file) else { return .failed }
        guard UTF8Check.firstProblem(in: Data(opened.plaintext)) == nil else {
            sink.error(.file(file), "`\(file)` decrypts to binary data; encrypted files are shipped as text, so keep it text "
                           + "(base64 it) or ship it unencrypted from outside the repository")
            return .failed
        }
        return .decrypted(String(decoding: opened.plaintext, as: UTF8.self))
    }

    /// Checks that a file shipped into containers opens with the key at hand, when it is encrypted.
    func check(_ path: String, file: String) {
        _ = open(fileAt: path, file: file)
    }

    private func open(_ bytes: [UInt8], kind: SealedFile.Kind, file: String) -> SealedFile.Opened? {
        guard let keys else {
            sink.error(.file(file), "`\(file)` is \(kind)-encrypted and no age key was given; pass --age-key-file "
                           + "or set RECONCILE_AGE_KEY_FILE")
            return nil
        }
        do {
            return try SealedFile.open(bytes, keys: keys)
        } catch {
            sink.error(.file(file), "`\(file)` (\(kind)): \(error)")
            return nil
        }
    }
}
