/// Why a snapshot or a restore did not happen; every case says what is left on the host and what to do.
enum SnapshotError: Error, CustomStringConvertible {
    /// The data is over `max_size`: refused before anything was stopped.
    case tooLarge(service: String, host: String, found: SnapshotCounts, cap: Int64, policy: String)
    /// The helper exited non-zero (a full disk, an image without `sh`/`cp`/`find`/`stat`/`awk`).
    case helperFailed(service: String, host: String, action: String, status: Int, log: String)
    /// The helper could not start: an image without `/bin/sh` (a distroless one).
    case cannotRun(service: String, host: String, action: String, image: String, error: String)
    /// The copy does not match its source.
    case mismatch(service: String, host: String, action: String, source: String, expected: SnapshotCounts, found: SnapshotCounts)
    /// The helper's report could not be read.
    case unreadableReport(service: String, host: String, action: String, output: String)

    var description: String {
        switch self {
        case let .tooLarge(service, host, found, cap, policy):
            return "the data of \(service) on \(host) is \(found), over the snapshot cap of \(ByteCount.text(cap)) "
                + "(`x-reconcile.snapshots.max_size`, \(policy)); nothing was changed: raise `max_size` or take "
                + "\(service) out of `snapshots.services`"
        case let .helperFailed(service, host, action, status, log):
            return "\(action) of \(service)'s data on \(host) failed (helper exit \(status)): \(log); "
                + "the service was left as it was: free disk space on \(host), or use an image with sh, cp, find, stat and awk"
        case let .cannotRun(service, host, action, image, error):
            return "\(action) of \(service)'s data on \(host) could not run a helper from \(image) (\(error)); the service "
                + "was left as it was: snapshots need /bin/sh with cp, find, stat and awk in the image, or take \(service) "
                + "out of `snapshots.services`"
        case let .mismatch(service, host, action, source, expected, found):
            return "\(action) of \(service)'s data on \(host) does not match its source \(source) (expected \(expected), "
                + "found \(found)); the service was left as it was: check the disk on \(host) and apply again"
        case let .unreadableReport(service, host, action, output):
            return "\(action) of \(service)'s data on \(host): the helper's report was unreadable (\(output)); "
                + "the service was left as it was"
        }
    }
}
