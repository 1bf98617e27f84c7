/// Any encrypted file reconcile reads: an age file (binary or armoured) or a SOPS file, told apart by content.
public enum SealedFile {
    public enum Kind: Sendable, Hashable, CustomStringConvertible {
        case age
        case sops(SopsFile.Format)

        public var description: String {
            switch self {
            case .age: return "age"
            case .sops(let format): return "SOPS \(format.rawValue)"
            }
        }
    }

    /// What a file decrypted to.
    public struct Opened: Sendable {
        public var kind: Kind
        /// The file as a program reading the plain original would see it.
        public var plaintext: [UInt8]
        /// For SOPS files, the values that were encrypted; for age files the whole plaintext is secret.
        public var secretValues: [String]
        /// A SOPS file's top-level variables, when it is a dotenv.
        public var entries: [(key: String, value: String)]?
    }

    /// The kind of encrypted file `bytes` are, or nil for a plain file.
    public static func kind(of bytes: [UInt8]) -> Kind? {
        if AgeFile.isAge(bytes) { return .age }
        return SopsFile.detect(bytes).map(Kind.sops)
    }

    /// Decrypts `bytes` in memory (nil when they are not encrypted).
    public static func open(_ bytes: [UInt8], keys: AgeKeys) throws(SealedError) -> Opened? {
        guard let kind = kind(of: bytes) else { return nil }
        let identities = try keys.identities()
        switch kind {
        case .age:
            return Opened(kind: kind, plaintext: try AgeFile.decrypt(bytes, identities: identities), secretValues: [], entries: nil)
        case .sops(let format):
            let document = try SopsFile.decrypt(bytes, format: format, identities: identities)
            return Opened(kind: kind, plaintext: document.plaintext, secretValues: document.secrets,
                          entries: format == .dotenv ? document.entries : nil)
        }
    }
}

/// Where the age identities come from: `--age-key-file`, `RECONCILE_AGE_KEY_FILE`, or `age.key` in the state
/// directory. Read only when an encrypted file is met, so a repository without one needs no key.
public struct AgeKeys: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The key file's path: the option, else the environment variable, else `<state>/age.key`.
    public static func path(option: String?, environment: [String: String], stateDirectory: String) -> String {
        if let option, !option.isEmpty { return option }
        if let variable = environment["RECONCILE_AGE_KEY_FILE"], !variable.isEmpty { return variable }
        return stateDirectory + "/age.key"
    }

    public func identities() throws(SealedError) -> [AgeIdentity] {
        try AgeKeyFile.load(path)
    }
}
