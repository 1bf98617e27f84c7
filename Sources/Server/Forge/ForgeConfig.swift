import FoundationEssentials

/// `triggers.forge:` in `reconcile.yaml`: the forge the followed repository lives on, asked for the branch head
/// with conditional requests (a 304 costs nothing against rate limits) and told, per host, whether a commit deployed.
public struct ForgeConfig: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case github, gitea, forgejo

        /// The API base when `api:` is left out (only GitHub has one everybody shares).
        var defaultAPI: URL? { self == .github ? URL(string: "https://api.github.com") : nil }
    }

    public var kind: Kind
    /// The API base as the forge documents it: `https://api.github.com`, `https://git.example.org/api/v1`.
    public var api: URL
    /// `owner/name`.
    public var repo: String
    /// The branch to follow; nil follows the daemon's `--branch`.
    public var branch: String?
    /// A file holding the access token (read per request, never logged).
    public var tokenFile: String?
    /// Time between head requests when nothing says to wait longer.
    public var interval: Duration
    /// Whether to post `reconcile/<host>` commit statuses after each pass.
    public var statuses: Bool

    public init(kind: Kind, api: URL, repo: String, branch: String? = nil, tokenFile: String? = nil,
                interval: Duration = .seconds(5), statuses: Bool = false) {
        self.kind = kind
        self.api = api
        self.repo = repo
        self.branch = branch
        self.tokenFile = tokenFile
        self.interval = interval
        self.statuses = statuses
    }

    /// How logs and metrics name it: the API base without credentials, and the repository.
    public var name: String {
        "\(api.nameWithoutSecrets(schemeIfNone: "https")) \(repo)"
    }
}
