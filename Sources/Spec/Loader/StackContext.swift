/// What service decoding needs to know about the stack being loaded.
struct StackContext {
    /// Absolute repository root.
    let repositoryRoot: String
    /// Absolute stack folder.
    let directory: String
    /// Stack folder relative to the repository root (`stacks/web`).
    let relativeDirectory: String
    /// Interpolation variables: the stack's `.env` overlaid by the process environment.
    let variables: [String: String]
    /// Opens encrypted `env_file`s and checks encrypted files that are shipped.
    let encrypted: EncryptedFiles
    /// The Compose project name, which host-data paths start with; set once the file's `name:` is read.
    var projectName = ""
    /// Stack-relative paths `x-reconcile.data` declares host data although they are in the repository.
    var seededData: Set<String> = []
    /// Top-level `secrets` and `configs` with a `file` source, which services mount.
    var secrets: [String: FileObject] = [:]
    var configs: [String: FileObject] = [:]
    /// `secrets/<name>`, `configs/<name>` declared but in error (reported once, at the declaration).
    var failedFileObjects: Set<String> = []

    /// The path of an absolute one relative to the stack folder, or nil when it lies outside it.
    func stackRelative(_ absolute: String) -> String? {
        guard absolute.hasPrefix(directory + "/") else { return absolute == directory ? "." : nil }
        return String(absolute.dropFirst(directory.count + 1))
    }

    /// Resolves a path written in the compose file against the stack folder (`~` uses `HOME`).
    func absolutePath(_ path: String) -> String {
        var path = path
        if path == "~" || path.hasPrefix("~/"), let home = variables["HOME"] {
            path = home + path.dropFirst()
        }
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        return Self.normalize(joined)
    }

    /// The repository-relative form of an absolute path, or nil when it lies outside the repository.
    func repositoryRelative(_ absolute: String) -> String? {
        let root = repositoryRoot.hasSuffix("/") ? repositoryRoot : repositoryRoot + "/"
        guard absolute.hasPrefix(root) else { return absolute == repositoryRoot ? "." : nil }
        return String(absolute.dropFirst(root.count))
    }

    /// Removes `.`/`..` segments and duplicate slashes without touching the file system.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
