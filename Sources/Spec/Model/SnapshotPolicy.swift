import Basics

/// `x-reconcile.snapshots`: which services get their data (named volumes and host-data folders) copied before
/// they are recreated, how many copies to keep, and whether a failed update puts the data back by itself.
public struct SnapshotPolicy: Sendable, Codable, Hashable {
    /// What happens to the data when the health gate fails after an update.
    public enum Restore: String, Sendable, Codable, Hashable, CaseIterable {
        /// The new container is removed, the snapshot copied back, then the old container starts.
        case onRollback = "on-rollback"
        /// The old container starts on the data as the new one left it; the revision says how to restore.
        case manual
    }

    /// Services whose data is snapshotted; empty means every service of the stack that has data.
    public var services: [String]
    /// Snapshots kept per service (and host); older ones are removed after an update.
    public var keep: Int
    public var restore: Restore
    /// A snapshot larger than this is refused before anything is stopped; nil means no cap.
    public var maxSize: Int64?
    /// Options of the `local` driver for each snapshot volume (`driver_opts`), to keep snapshots on a filesystem of
    /// their own (a size-limited `tmpfs`, an NFS export, a device); empty means the engine's volume folder.
    public var driverOpts: [String: String]
    /// Where the block is written, for errors that name it.
    public var location: SourceLocation

    public init(services: [String] = [], keep: Int = 3, restore: Restore = .onRollback, maxSize: Int64? = nil,
                driverOpts: [String: String] = [:], location: SourceLocation) {
        self.services = services
        self.keep = keep
        self.restore = restore
        self.maxSize = maxSize
        self.driverOpts = driverOpts
        self.location = location
    }

    /// Whether `service`'s data is snapshotted under this policy.
    public func covers(_ service: String) -> Bool {
        services.isEmpty || services.contains(service)
    }
}
