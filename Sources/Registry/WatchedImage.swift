import Spec

/// One image reference a managed service uses and how often its policy wants it checked. Many
/// services (on many hosts) may name the same image; the watcher asks about it once.
public struct WatchedImage: Sendable, Hashable {
    /// The reference as written in the compose file (`nginx`, `ghcr.io/o/r:t`).
    public var reference: String
    /// The policy's interval; nil uses the watcher's default.
    public var interval: Duration?

    public init(reference: String, interval: Duration? = nil) {
        self.reference = reference
        self.interval = interval
    }

    /// The references of every service in stacks that follow tags (`updates.policy: digest`, the stack's or the
    /// service's own).
    public static func list(for stacks: [StackSpec]) -> [WatchedImage] {
        list(for: stacks, following: .digest)
    }

    /// The references of every service whose policy follows versions (`policy: semver`), for tag listings.
    public static func versionList(for stacks: [StackSpec]) -> [WatchedImage] {
        list(for: stacks, following: .semver)
    }

    private static func list(for stacks: [StackSpec], following mode: UpdatePolicy.Mode) -> [WatchedImage] {
        var seen = Set<WatchedImage>()
        var result: [WatchedImage] = []
        for stack in stacks {
            for service in stack.services {
                let policy = stack.updatePolicy(for: service.name)
                guard policy.mode == mode else { continue }
                let item = WatchedImage(reference: service.image, interval: policy.interval)
                if seen.insert(item).inserted { result.append(item) }
            }
        }
        return result
    }
}
