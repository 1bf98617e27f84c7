import Docker
import FoundationEssentials
import Planner
import Spec
import Store

/// `reconcile snapshots --remove --stack S`: the snapshots removed, and per host what could not be.
public struct SnapshotRemoval: Sendable, Codable, TextRenderable {
    public var removed: [SnapshotRecord]
    /// Hosts whose snapshots stay, with why (unreachable, not in the repo any more).
    public var failures: [String]

    public func renderText() -> String {
        var out = removed.isEmpty ? "no snapshots removed\n" : ""
        for s in removed {
            out += "removed snapshot \(s.id) of \(s.host)/\(s.stack) \(s.service) (\(ByteCount.text(s.size))): \(s.volume)\n"
        }
        for failure in failures { out += "kept: \(failure)\n" }
        return out
    }
}

extension Controller {
    /// Removes every snapshot of the given stacks, host by host: the volume first, then its record, so a failure
    /// leaves the record that names what is still on the host. Stack removal never does this by itself.
    public func removeSnapshots(stacks: Set<String>) async throws -> SnapshotRemoval {
        guard !stacks.isEmpty, FileManager.default.fileExists(atPath: settings.databasePath.path) else {
            return SnapshotRemoval(removed: [], failures: [])
        }
        let loaded = load()
        guard let repository = loaded.repository else { throw RollbackError.invalidRepository(loaded.diagnostics.map(\.rendered)) }
        let lock = try await lockStateDirectory()
        defer { withExtendedLifetime(lock) {} }
        let store = try openStore()
        let chosen = try await store.snapshots().filter { stacks.contains($0.stack) }
        var result = SnapshotRemoval(removed: [], failures: [])
        let owner = Owner(instance: settings.instance, repository: nil, declaredStacks: [])
        for (hostName, records) in Dictionary(grouping: chosen, by: \.host).sorted(by: { $0.key < $1.key }) {
            guard let host = repository.host(named: hostName) else {
                result.failures.append("\(records.count) snapshot(s) on \(hostName), a host no longer in hosts/: "
                                       + "remove their volumes there by hand, e.g. `docker volume rm \(records[0].volume)`")
                continue
            }
            do {
                let connection = try HostConnection.open(host, settings: settings, logger: logger, makeTransport: makeTransport)
                let data = DataSnapshots(client: connection.client, store: store, host: hostName, owner: owner)
                for record in records {
                    try await data.removeVolume(record.volume)
                    try await store.deleteSnapshot(id: record.id)
                    result.removed.append(record)
                }
            } catch {
                result.failures.append("snapshots on \(hostName): \(error); run the command again once \(hostName) answers")
            }
        }
        return result
    }
}
