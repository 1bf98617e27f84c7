/// What a helper counted in one folder: entries (files, folders, links, the folder itself) and bytes in files.
struct SnapshotCounts: Sendable, Equatable, CustomStringConvertible {
    var entries: Int64
    var bytes: Int64

    static let zero = SnapshotCounts(entries: 0, bytes: 0)

    static func + (a: SnapshotCounts, b: SnapshotCounts) -> SnapshotCounts {
        SnapshotCounts(entries: a.entries + b.entries, bytes: a.bytes + b.bytes)
    }

    var description: String { "\(ByteCount.text(bytes)) in \(entries) entries" }
}

/// Sizes as people read them: `2.0 GiB`, `512.0 KiB`, `17 B`.
enum ByteCount {
    static func text(_ bytes: Int64) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard bytes >= 1024 else { return "\(bytes) B" }
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
