import FoundationEssentials
import Store

/// `reconcile snapshots`: one line per snapshot, newest first.
public struct SnapshotList: Sendable, Codable, TextRenderable {
    public var snapshots: [SnapshotRecord]

    public func renderText() -> String {
        guard !snapshots.isEmpty else { return "no snapshots recorded\n" }
        var out = "id  revision  host/stack  service  size  entries  created  volume\n"
        for s in snapshots {
            let revision = s.revision.map(String.init) ?? (s.state == .taking ? "(taking)" : "-")
            out += "\(s.id)  \(revision)  \(s.host)/\(s.stack)  \(s.service)  \(ByteCount.text(s.size))  \(s.files)  "
                + "\(HistoryList.time(s.createdAt))  \(s.volume)\n"
        }
        return out
    }
}

extension Controller {
    /// Snapshots on record, newest first, of the given stacks (every stack when empty).
    public func snapshots(stacks: Set<String>) async throws -> SnapshotList {
        guard FileManager.default.fileExists(atPath: settings.databasePath.path) else { return SnapshotList(snapshots: []) }
        let all = try await openStore().snapshots()
        return SnapshotList(snapshots: stacks.isEmpty ? all : all.filter { stacks.contains($0.stack) })
    }
}
