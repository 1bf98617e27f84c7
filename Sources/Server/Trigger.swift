import Store

/// One reason to run a pass; many of them coalesce into one pass.
public struct Trigger: Sendable, Hashable {
    public var kind: TriggerKind
    /// What exactly: `git:<delivery>`, an image reference, a commit.
    public var detail: String?
    /// Image references to pull first (the registry said the tag moved).
    public var refresh: Set<String>
    /// Stacks whose held-back (rolled back) configurations the pass may try again ("retry held back").
    public var retry: Set<String>

    public init(kind: TriggerKind, detail: String? = nil, refresh: Set<String> = [], retry: Set<String> = []) {
        self.kind = kind
        self.detail = detail
        self.refresh = refresh
        self.retry = retry
    }

    /// The name a pass records, e.g. `webhook:git:<delivery>`.
    public var name: String { detail.map { "\(kind.rawValue):\($0)" } ?? kind.rawValue }

    public static let timer = Trigger(kind: .timer)
    public static let startup = Trigger(kind: .startup)
}
