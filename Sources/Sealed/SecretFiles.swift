import FoundationEssentials
import Glibc

/// What `reconcile secrets` does to files: encrypt one in place, decrypt one to memory, edit one through a
/// private temporary copy that is wiped afterwards.
public enum SecretFiles {
    /// Whom to encrypt to: the given `age1…` recipients, else the key file's own.
    public static func recipients(_ written: [String], keys: AgeKeys) throws(SealedError) -> [AgeRecipient] {
        if written.isEmpty { return try keys.identities().map(\.recipient) }
        var recipients: [AgeRecipient] = []
        for text in written { recipients.append(try AgeRecipient(parsing: text)) }
        return recipients
    }

    /// Replaces the plain file at `path` with its armoured age encryption (armour keeps git diffs readable).
    public static func encrypt(_ path: String, to recipients: [AgeRecipient]) throws(SealedError) {
        let plaintext = try read(path)
        if SealedFile.kind(of: plaintext) != nil { throw .malformed("\(path) is already encrypted; use `reconcile secrets edit`") }
        try replace(path, with: try AgeFile.encrypt(plaintext, to: recipients, armored: true))
    }

    /// The plaintext of an age or SOPS file.
    public static func decrypt(_ path: String, keys: AgeKeys) throws(SealedError) -> [UInt8] {
        guard let opened = try SealedFile.open(try read(path), keys: keys) else {
            throw .malformed("\(path) is not an age or SOPS file")
        }
        return opened.plaintext
    }

    /// Decrypts an age file to a private temporary copy (on tmpfs when `/dev/shm` is there), runs `editor` on
    /// it, re-encrypts it in place when it changed, then overwrites and removes the copy. True when it changed.
    public static func edit(_ path: String, keys: AgeKeys, recipients written: [String], editor: String) throws(SealedError) -> Bool {
        let sealed = try read(path)
        guard SealedFile.kind(of: sealed) == .age else {
            throw .malformed("\(path) is not an age file (SOPS files are edited with `sops`)")
        }
        let plaintext = try AgeFile.decrypt(sealed, identities: try keys.identities())
        let recipients = try recipients(written, keys: keys)
        let copy = try PrivateCopy(contents: plaintext, name: path.split(separator: "/").last.map(String.init) ?? "secret")
        defer { copy.wipe() }
        let status = run(editor, copy.path)
        guard status == 0 else { throw .editor("`\(editor)` exited \(status); \(path) is unchanged") }
        let edited = try read(copy.path)
        guard edited != plaintext else { return false }
        try replace(path, with: try AgeFile.encrypt(edited, to: recipients, armored: AgeArmor.isArmored(sealed)))
        return true
    }

    static func read(_ path: String) throws(SealedError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .malformed("\(path) cannot be read") }
        return Array(data)
    }

    /// Writes beside `path` and renames over it, keeping its mode, so a crash leaves the old file or the new one.
    static func replace(_ path: String, with bytes: [UInt8]) throws(SealedError) {
        var info = stat()
        let mode = stat(path, &info) == 0 ? info.st_mode & 0o777 : 0o600
        let temporary = path + ".reconcile-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .malformed("cannot write beside \(path): \(String(cString: strerror(errno)))") }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let closed = close(fd)
        guard written == bytes.count, closed == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .malformed("cannot replace \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Runs `editor file` (split on spaces, looked up in PATH by `sh`) attached to this terminal; its exit status.
    static func run(_ editor: String, _ file: String) -> Int32 {
        var pid = pid_t()
        let words: [String] = ["/bin/sh", "-c", editor + " \"$1\"", "sh", file]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status >> 8) & 0xff
    }
}
