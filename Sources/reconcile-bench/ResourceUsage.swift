import FoundationEssentials
import Glibc

/// This process's CPU time and peak resident memory, as the kernel counts them.
struct ResourceUsage {
    /// User + system CPU seconds so far.
    var cpuSeconds: Double
    /// Peak resident set size so far, in KiB (Linux reports `ru_maxrss` in KiB).
    var peakRSSKiB: Int

    static func now() -> ResourceUsage {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return ResourceUsage(cpuSeconds: 0, peakRSSKiB: 0) }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return ResourceUsage(cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
                             peakRSSKiB: Int(usage.ru_maxrss))
    }

    /// Resident memory right now, in KiB, from `/proc/self/statm` (pages × page size); 0 where unknown.
    static func currentRSSKiB() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
    }
}
