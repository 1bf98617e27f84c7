import FoundationEssentials

/// The pure arithmetic of when to ask again: deterministic jitter and exponential back-off.
enum WatchSchedule {
    /// A stable offset in `[0, interval × fraction)` from a hash of the reference (FNV-1a, not
    /// Swift's per-process seeded `Hasher`), so every restart computes the same schedule.
    static func jitter(for reference: String, interval: TimeInterval, fraction: Double) -> TimeInterval {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in reference.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let unit = Double(hash % 1_000_000) / 1_000_000
        return interval * max(0, fraction) * unit
    }

    /// When to ask again after a successful check (or webhook) at `checkedAt`.
    static func next(after checkedAt: Date, reference: String, interval: TimeInterval, fraction: Double) -> Date {
        checkedAt.addingTimeInterval(interval + jitter(for: reference, interval: interval, fraction: fraction))
    }

    /// 1st failure → `initial`, then 2×, 4× …, never longer than the interval.
    static func backoff(failures: Int, initial: TimeInterval, interval: TimeInterval) -> TimeInterval {
        let exponent = min(max(failures - 1, 0), 30)
        return min(initial * Double(1 << exponent), interval)
    }
}
