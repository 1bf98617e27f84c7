import Basics

/// Where a host-data bind lives: `<data>/<path>` on each host, `data` being that host's `data:` root.
///
/// Host data is what the app writes (a database folder, uploads): it is created when missing, mounted as
/// the compose file says (read-write unless `:ro`), and never shipped, pruned or deleted. Only its host
/// path goes into `reconcile.hash`, never its content.
public struct HostData: Sendable, Codable, Hashable {
    /// `<project>/<path inside the stack folder>`: `paperless/data` for `./data` of project `paperless`.
    public var path: String
    /// Repository-relative content that fills the folder the first time (`x-reconcile.data`), never again.
    public var seed: String?
    /// Where the mount is written; for errors only, so it stays out of the encoded (hashed) form.
    public var location = SourceLocation(file: "", line: 0, column: 0)

    enum CodingKeys: String, CodingKey {
        case path, seed
    }

    public init(path: String, seed: String? = nil, location: SourceLocation) {
        self.path = path
        self.seed = seed
        self.location = location
    }

    /// The folder on a host whose data root is `root`.
    public func hostPath(under root: String) -> String {
        (root.hasSuffix("/") ? String(root.dropLast()) : root) + "/" + path
    }
}
