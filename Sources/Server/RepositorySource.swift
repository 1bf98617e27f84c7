import Controller
import FoundationEssentials
import Spec

/// A commit that failed validation: reported, never applied.
public struct InvalidCommit: Sendable, Codable, Equatable {
    public var commit: String?
    public var detectedAt: Date
    /// Compiler-style load errors (`file:line:col: error: …`).
    public var errors: [String]

    public init(commit: String?, detectedAt: Date = Date(), errors: [String]) {
        self.commit = commit
        self.detectedAt = detectedAt
        self.errors = errors
    }
}

/// What bringing the source up to date found.
public enum SourceUpdate: Sendable, Equatable {
    case unchanged
    /// A new valid commit is now what passes read.
    case updated(commit: String)
    /// The newest commit does not load; passes keep reading the last good one.
    case invalid(InvalidCommit)
}

/// Where the desired state comes from: a local checkout read as is, or a remote cloned and polled.
public protocol RepositorySource: Sendable {
    /// Fetches and validates what is new; called before every pass.
    func update() async throws -> SourceUpdate
    /// The checkout passes read; nil while no valid commit has been seen.
    func passDirectory() async -> URL?
    /// One cheap look at the remote: has its head moved since the last update?
    func remoteMoved() async throws -> Bool
    /// For logs and status: the URL and branch, or the path.
    var label: String { get }
}

/// `--repo DIR`: the checkout is read as it is; the controller itself refuses a tree with errors, and
/// `update` judges the tree first so a refusal is reported like a bad remote commit.
public struct LocalSource: RepositorySource {
    public var directory: URL
    public var environment: [String: String]

    public init(directory: URL, environment: [String: String]) {
        self.directory = directory
        self.environment = environment
    }

    public func update() async throws -> SourceUpdate {
        let commit = await GitCheckout(directory: directory).describeHead()
        let loaded = RepositoryLoader.load(root: directory.path, environment: environment)
        guard loaded.hasErrors else { return .updated(commit: commit ?? directory.path) }
        return .invalid(InvalidCommit(commit: commit, errors: loaded.diagnostics.filter { $0.severity == .error }.map(\.rendered)))
    }
    public func passDirectory() async -> URL? { directory }
    public func remoteMoved() async throws -> Bool { false }
    public var label: String { directory.path }
}
