/// What a pass found comparing an unmanaged container with the service whose name it has.
///
/// Computed before planning from the container's inspect (read-only); the planner turns it into `adopt`
/// (equal: taken over as it runs), `recreate` (different, and the owner asked for it) or `blocked`.
public struct TakeoverCheck: Sendable, Hashable {
    public var containerID: String
    /// Field by field, what the running container has that the repository does not say; empty = equal.
    public var differences: [String]
    /// `reconcile adopt` claimed this container for its stack (recorded in the store).
    public var claimed: Bool

    public init(containerID: String, differences: [String], claimed: Bool) {
        self.containerID = containerID
        self.differences = differences
        self.claimed = claimed
    }

    public var isEqual: Bool { differences.isEmpty }
}
