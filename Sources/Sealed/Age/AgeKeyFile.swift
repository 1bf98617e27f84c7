import Basics
import FoundationEssentials
import Glibc

/// The identity file (`age-keygen` format: `AGE-SECRET-KEY-1…` lines, `#` comments), readable by its owner only.
public enum AgeKeyFile {
    /// Parses identity text; comments and blank lines are skipped, anything else must be an identity.
    public static func parse(_ text: String) throws(SealedError) -> [AgeIdentity] {
        var identities: [AgeIdentity] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = String(line).trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            identities.append(try AgeIdentity(parsing: trimmed))
        }
        return identities
    }

    /// Loads `path`, refusing a file that others than its owner may read or write.
    public static func load(_ path: String) throws(SealedError) -> [AgeIdentity] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .keyFile(path: path, problem: "not found; create it with `reconcile secrets keygen` or `age-keygen -o \(path)` (mode 0600), or point --age-key-file at yours")
        }
        if info.st_mode & 0o077 != 0 {
            throw .keyFile(path: path, problem: "mode \(String(info.st_mode & 0o777, radix: 8)) lets others read it; run `chmod 600 \(path)`")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .keyFile(path: path, problem: "cannot be read by this user")
        }
        let identities: [AgeIdentity]
        do { identities = try parse(String(decoding: data, as: UTF8.self)) } catch {
            throw .keyFile(path: path, problem: "\(error)")
        }
        guard !identities.isEmpty else { throw .keyFile(path: path, problem: "holds no `AGE-SECRET-KEY-1…` line") }
        return identities
    }

    /// Writes a new identity to `path` with mode 0600 (refusing to replace an existing file).
    public static func create(_ path: String, identity: AgeIdentity) throws(SealedError) {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw .keyFile(path: path, problem: "already exists; remove it first if you mean to replace it")
        }
        let text = "# public key: \(identity.recipient)\n\(identity.encoded)\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw .keyFile(path: path, problem: "cannot be created")
        }
    }
}
