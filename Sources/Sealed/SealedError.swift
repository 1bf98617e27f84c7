/// Why an encrypted file could not be opened (or made). The caller adds the file's name; every case says what
/// to do next.
public enum SealedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes are not a well-formed age or SOPS file.
    case malformed(String)
    /// No identity of the key file opens the file; `recipients` names whom it was encrypted to, where known.
    case noMatchingIdentity(recipients: [String], keys: [String])
    /// A recipient type this reader does not implement (scrypt passphrases, SSH keys, plugins).
    case unsupportedRecipient(String)
    /// A tag or the header MAC did not verify: the file was changed or truncated.
    case tampered(String)
    /// The SOPS MAC over the values does not match: a value was changed, added or removed outside SOPS.
    case macMismatch
    /// The SOPS file's data key is only under key types other than age.
    case unsupportedKeyType([String])
    /// The age key file is missing, unreadable, too open, or holds no identity.
    case keyFile(path: String, problem: String)
    /// `reconcile secrets edit`: the editor failed or the private copy could not be made.
    case editor(String)

    public var description: String {
        switch self {
        case .malformed(let what):
            return "not a valid encrypted file: \(what); re-create it with `age -e`, `sops -e` or `reconcile secrets encrypt`"
        case .noMatchingIdentity(let recipients, let keys):
            let to = recipients.isEmpty ? "" : " (encrypted to \(recipients.joined(separator: ", ")))"
            let have = keys.isEmpty ? "no identity" : keys.joined(separator: ", ")
            return "no key at hand opens it\(to); the key file holds \(have): re-encrypt the file to that recipient too"
        case .unsupportedRecipient(let type):
            return "recipient type `\(type)` is not supported; re-encrypt it to an age X25519 recipient (`age1…`)"
        case .tampered(let what):
            return "\(what) does not verify: the file was changed or cut short; restore it from git or re-encrypt it"
        case .macMismatch:
            return "the SOPS MAC does not match its values: the file was edited without sops; restore it from git or re-encrypt it"
        case .unsupportedKeyType(let types):
            return "its data key is encrypted only with \(types.joined(separator: ", ")), which reconcile does not read; add an age recipient (`sops updatekeys` with an `age:` rule)"
        case .keyFile(let path, let problem):
            return "age key file \(path): \(problem)"
        case .editor(let problem):
            return "editing failed: \(problem)"
        }
    }
}
