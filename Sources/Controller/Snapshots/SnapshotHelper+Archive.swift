import Docker
import FoundationEssentials

/// The fallback for an image without `/bin/sh`: the helper is created but never started, and each folder goes
/// through the controller with `GET` and `PUT /containers/{id}/archive` (the Engine mounts the helper's volumes for
/// these). Every byte makes a round trip, each folder is held in memory, and both sides are counted from the
/// archives. The archive endpoints cannot delete: a restore refuses, before writing anything, when the source holds
/// entries the snapshot does not.
extension SnapshotHelper {
    static let archiveTimeout = Duration.seconds(6 * 3600)

    func archiveRun(_ action: Action, container id: String, count: Int, sources: [String],
                    cap: Int64?) async throws -> [SnapshotCounts] {
        var counts: [SnapshotCounts] = []
        var copied: Int64 = 0
        for index in 0..<count {
            let sourcePath = "\(Self.sourceRoot)/\(index)", snapshotPath = "\(Self.snapshotRoot)/\(index)"
            switch action {
            case .measure:
                counts.append(try await entries(id, sourcePath).counts)
            case .take:
                let tar = try await client.getArchive(id, path: sourcePath, timeout: Self.archiveTimeout)
                let original = try read(tar, action: action)
                copied += original.counts.bytes
                if let cap, copied > cap { throw CapExceeded(copied: copied) }
                try await client.putArchive(id, path: Self.snapshotRoot, tar: tar, timeout: Self.archiveTimeout)
                let copy = try await entries(id, snapshotPath)
                try check(copy.counts, against: original.counts, action: action, source: sources[index])
                counts.append(original.counts)
            case .restore:
                let tar = try await client.getArchive(id, path: snapshotPath, timeout: Self.archiveTimeout)
                let snapshot = try read(tar, action: action)
                let extra = try await entries(id, sourcePath).names.subtracting(snapshot.names)
                guard extra.isEmpty else {
                    throw SnapshotError.cannotRemove(service: service, host: client.host, source: sources[index],
                                                     names: extra.sorted().map { String($0.drop { $0 != "/" }) })
                }
                try await client.putArchive(id, path: Self.sourceRoot, tar: tar, timeout: Self.archiveTimeout)
                let restored = try await entries(id, sourcePath)
                try check(restored.counts, against: snapshot.counts, action: action, source: sources[index])
                counts.append(restored.counts)
            }
        }
        return counts
    }

    func entries(_ id: String, _ path: String) async throws -> TarEntries {
        try read(try await client.getArchive(id, path: path, timeout: Self.archiveTimeout), action: .measure)
    }

    func read(_ tar: Data, action: Action) throws -> TarEntries {
        do {
            return try TarEntries(tar)
        } catch {
            throw SnapshotError.unreadableReport(service: service, host: client.host, action: action.rawValue,
                                                 output: "\(error)")
        }
    }

    func check(_ found: SnapshotCounts, against expected: SnapshotCounts, action: Action, source: String) throws {
        guard found == expected else {
            throw SnapshotError.mismatch(service: service, host: client.host, action: action.rawValue, source: source,
                                         expected: expected, found: found)
        }
    }
}
