/// Who a pass acts for: an installation (`reconcile.instance`) and a repository (`reconcile.repository`).
///
/// The one rule for containers, networks and volumes alike: an object is this pass's when it carries
/// `reconcile.stack`, this instance, and this repository — or, made before repository labels existed (none
/// on it), when its stack is one this repository declares. Anything else is never stopped, renamed or removed.
public struct Owner: Sendable, Hashable {
    public var instance: String
    /// nil: a checkout without an identity, which owns only unlabelled objects of stacks it declares.
    public var repository: String?
    public var declaredStacks: Set<String>

    public init(instance: String, repository: String?, declaredStacks: Set<String>) {
        self.instance = instance
        self.repository = repository
        self.declaredStacks = declaredStacks
    }

    public func owns(labels: [String: String]) -> Bool {
        guard let stack = labels[ManagedLabels.stack],
              (labels[ManagedLabels.instance] ?? ManagedLabels.defaultInstance) == instance else { return false }
        guard let owner = labels[ManagedLabels.repository] else { return declaredStacks.contains(stack) }
        return owner == repository
    }

    /// Who owns an object of this instance that this repository does not, in words; nil for our own,
    /// unmanaged ones and other instances' (those are simply someone else's, as before repositories).
    public func foreignOwner(labels: [String: String]) -> String? {
        guard labels[ManagedLabels.stack] != nil,
              (labels[ManagedLabels.instance] ?? ManagedLabels.defaultInstance) == instance,
              !owns(labels: labels) else { return nil }
        if let owner = labels[ManagedLabels.repository] { return "repository \(owner)" }
        return "an earlier reconcile of a repository that does not declare this stack"
    }

    /// The ownership labels for an object this pass creates.
    public var labels: [String: String] {
        var labels = [ManagedLabels.instance: instance]
        if let repository { labels[ManagedLabels.repository] = repository }
        return labels
    }
}
