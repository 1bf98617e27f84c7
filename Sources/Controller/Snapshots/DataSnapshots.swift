import Basics
import Docker
import FoundationEssentials
import Planner
import Spec
import Store

/// Takes, verifies, restores and retires snapshots of one service's data on one host, keeping the Store's
/// record of each in step with its volume.
struct DataSnapshots {
    let client: DockerClient
    let store: Store
    let host: String
    let owner: Owner

    func helper(_ containerName: String, service: String) -> SnapshotHelper {
        SnapshotHelper(client: client, instance: owner.instance, serviceName: containerName, service: service)
    }

    /// Counts the data while the service still runs, and refuses before anything is touched when it is over the cap.
    func checkSize(_ plan: SnapshotPlan, desired: DesiredContainer, policy: SnapshotPolicy) async throws {
        guard let cap = policy.maxSize else { return }
        let counts = try await helper(desired.name, service: desired.service.name)
            .run(.measure, image: plan.image, sources: plan.sources, snapshot: nil)
        let total = counts.reduce(.zero, +)
        if total.bytes > cap {
            throw SnapshotError.tooLarge(service: desired.service.name, host: host, found: total, cap: cap,
                                         policy: policy.location.description)
        }
    }

    /// Copies the sources into a new snapshot volume and checks the copy; the record is `complete` only then.
    func take(_ plan: SnapshotPlan, desired: DesiredContainer, writtenBy configHash: String) async throws -> SnapshotRecord {
        var record = SnapshotRecord(host: host, stack: desired.stack.name, service: desired.service.name, volume: plan.volume,
                                    configHash: configHash, image: plan.image, sources: plan.sources)
        record.id = try await store.beginSnapshot(record)
        var labels = owner.labels
        labels[ManagedLabels.stack] = desired.stack.name
        labels[ManagedLabels.service] = desired.service.name
        labels[Self.volumeLabel] = String(record.id)
        let policy = desired.stack.snapshotPolicy(for: desired.service.name)
        let options = policy?.driverOpts ?? [:]
        _ = try await client.createVolume(VolumeCreateRequest(name: plan.volume, driverOpts: options.isEmpty ? nil : options,
                                                              labels: labels))
        let total: SnapshotCounts
        do {
            total = try await helper(desired.name, service: desired.service.name)
                .run(.take, image: plan.image, sources: plan.sources, snapshot: plan.volume, cap: policy?.maxSize)
                .reduce(.zero, +)
        } catch let over as SnapshotHelper.CapExceeded {
            throw overCap(copied: over.copied, desired: desired, policy: policy)
        }
        if let cap = policy?.maxSize, total.bytes > cap {
            throw overCap(copied: total.bytes, desired: desired, policy: policy)
        }
        try await store.completeSnapshot(id: record.id, size: total.bytes, files: total.entries)
        record.state = .complete
        record.size = total.bytes
        record.files = total.entries
        return record
    }

    /// The data grew past the cap after it was measured; the caller removes the partial snapshot.
    func overCap(copied: Int64, desired: DesiredContainer, policy: SnapshotPolicy?) -> SnapshotError {
        .grewOverCap(service: desired.service.name, host: host, copied: copied, cap: policy?.maxSize ?? 0,
                     policy: policy?.location.description ?? "x-reconcile.snapshots")
    }

    /// Copies the snapshot back over each source, rewriting only what changed; checked like a snapshot. Safe to run again.
    func restore(_ volume: String, sources: [String], image: String, containerName: String, service: String) async throws {
        _ = try await helper(containerName, service: service).run(.restore, image: image, sources: sources, snapshot: volume)
    }

    /// Throws away a snapshot that never completed (its helper, volume and record); a complete one is kept.
    func discardIncomplete(_ plan: SnapshotPlan, containerName: String, service: String) async throws {
        try await helper(containerName, service: service).removeLeftovers()
        let record = try await store.snapshot(volume: plan.volume)
        guard record?.state != .complete else { return }
        try await removeVolume(plan.volume)
        if let record { try await store.deleteSnapshot(id: record.id) }
    }

    /// Keeps the newest `keep` complete snapshots of a service on this host; removes the older ones.
    /// - Returns: the volumes removed.
    @discardableResult
    func prune(stack: String, service: String, keep: Int) async throws -> [String] {
        let complete = try await store.snapshots(host: host, stack: stack, service: service).filter { $0.state == .complete }
        var removed: [String] = []
        for old in complete.dropFirst(keep) {
            try await removeVolume(old.volume)
            try await store.deleteSnapshot(id: old.id)
            removed.append(old.volume)
        }
        return removed
    }

    /// Ties the snapshots an update took to its revision, then keeps the newest `keep` of each service.
    func retire(_ stack: StackSpec, policy: SnapshotPolicy, revision: Int64) async throws {
        try await store.attachSnapshots(host: host, stack: stack.name, revision: revision)
        for service in stack.services where policy.covers(service.name) {
            try await prune(stack: stack.name, service: service.name, keep: policy.keep)
        }
    }

    /// Removes a snapshot volume; one that is already gone is fine.
    func removeVolume(_ name: String) async throws {
        do {
            try await client.removeVolume(name, force: true)
        } catch let error as DockerError where error.isNotFound {
            return
        }
    }

    /// On every snapshot volume: the id of its record in the Store.
    static let volumeLabel = "reconcile.snapshot"
}
