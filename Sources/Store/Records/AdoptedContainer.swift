/// A container reconcile took over (or was asked to take over) without recreating it.
///
/// Docker cannot relabel a running container, so the labels reconcile would have put on it live here; the
/// observation puts them back on the container, by ID, so ownership, pruning and rollback treat it like one
/// reconcile created.
public struct AdoptedContainer: Sendable, Codable, Equatable {
    public var host: String
    public var containerID: String
    public var name: String
    public var stack: String
    public var service: String
    /// The desired hash it was found equal to; nil while only claimed by `reconcile adopt`.
    public var hash: String?
    /// The installation and repository that took it over; nil while only claimed.
    public var instance: String?
    public var repository: String?

    public init(host: String, containerID: String, name: String, stack: String, service: String,
                hash: String? = nil, instance: String? = nil, repository: String? = nil) {
        self.host = host
        self.containerID = containerID
        self.name = name
        self.stack = stack
        self.service = service
        self.hash = hash
        self.instance = instance
        self.repository = repository
    }

    /// Taken over by a pass (not merely claimed).
    public var isTakenOver: Bool { hash != nil }
}
