import Controller
import FoundationEssentials
import Spec

/// A commit that failed validation: reported, never applied.
public struct InvalidCommit: Sendable, Codable, Equatable {
    public var commit: String?
    public var detectedAt: Date
    /// Compiler-style load errors (`file:line:col: error: …`).
    public var errors: [String]
    /// When every error belongs to a stack: those stacks with their first error (`file:line:col: error: …`);
    /// the commit is applied for the rest. Nil when the commit was refused as a whole.
    public var heldStacks: [String: String]?

    public init(commit: String?, detectedAt: Date = Date(), errors: [String], heldStacks: [String: String]? = nil) {
        self.commit = commit
        self.detectedAt = detectedAt
        self.errors = errors
        self.heldStacks = heldStacks
    }

    /// Judges a load with errors: applied without its held stacks when every error belongs to one, else refused.
    static func judging(_ loaded: LoadResult, commit: String?) -> InvalidCommit {
        InvalidCommit(commit: commit, errors: loaded.diagnostics.filter { $0.severity == .error }.map(\.rendered),
                      heldStacks: loaded.repository?.heldStackErrors)
    }
}

/// What bringing the source up to date found.
public enum SourceUpdate: Sendable, Equatable {
    case unchanged
    /// A new valid commit is now what passes read.
    case updated(commit: String)
    /// The newest commit does not load; passes keep reading the last good one.
    case invalid(InvalidCommit)
    /// The newest commit is what passes read now, but some of its stacks have errors and are held as they run.
    case held(commit: String, InvalidCommit)
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

/// `--repo DIR`: the checkout is read as it is; the controller itself refuses a tree with errors (or holds the
/// stacks that have them), and `update` judges the tree first so either is reported like a bad remote commit.
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
        let judged = InvalidCommit.judging(loaded, commit: commit)
        return judged.heldStacks == nil ? .invalid(judged) : .held(commit: commit ?? directory.path, judged)
    }
    public func passDirectory() async -> URL? { directory }
    public func remoteMoved() async throws -> Bool { false }
    public var label: String { directory.path }
}
