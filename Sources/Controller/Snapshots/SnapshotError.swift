/// Why a snapshot or a restore did not happen; every case says what is left on the host and what to do.
enum SnapshotError: Error, CustomStringConvertible {
    /// The data is over `max_size`: refused before anything was stopped.
    case tooLarge(service: String, host: String, found: SnapshotCounts, cap: Int64, policy: String)
    /// The data grew past `max_size` between the measuring and the copy (the service wrote as it stopped).
    case grewOverCap(service: String, host: String, copied: Int64, cap: Int64, policy: String)
    /// The helper exited non-zero (a full disk, an image with a shell but without `cp`/`find`/`stat`/`awk`).
    case helperFailed(service: String, host: String, action: String, status: Int, log: String)
    /// The helper has a shell but could not start (an image for another platform, a mount the engine refused).
    case cannotRun(service: String, host: String, action: String, image: String, error: String)
    /// A restore through the archive endpoints (an image without a shell) would leave entries the snapshot lacks.
    case cannotRemove(service: String, host: String, source: String, names: [String])
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
        case let .grewOverCap(service, host, copied, cap, policy):
            return "the snapshot of \(service)'s data on \(host) passed the cap of \(ByteCount.text(cap)) while copying "
                + "(\(ByteCount.text(copied)) copied; the data grew after it was measured) "
                + "(`x-reconcile.snapshots.max_size`, \(policy)); the partial snapshot was removed and the service was "
                + "left as it was: raise `max_size` or take \(service) out of `snapshots.services`"
        case let .helperFailed(service, host, action, status, log):
            return "\(action) of \(service)'s data on \(host) failed (helper exit \(status)): \(log); "
                + "the service was left as it was: free disk space on \(host), or use an image with sh, cp, find, stat and awk"
        case let .cannotRun(service, host, action, image, error):
            return "\(action) of \(service)'s data on \(host) could not start a helper from \(image) (\(error)); the service "
                + "was left as it was: check that the image runs on \(host), or take \(service) out of `snapshots.services`"
        case let .cannotRemove(service, host, source, names):
            let shown = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? " and \(names.count - 5) more" : "")
            return "restore of \(service)'s data on \(host): \(source) holds entries the snapshot does not (\(shown)), and "
                + "\(service)'s image has no shell to remove them (the archive endpoints only add); nothing was written: "
                + "remove them on \(host), then restore again"
        case let .mismatch(service, host, action, source, expected, found):
            return "\(action) of \(service)'s data on \(host) does not match its source \(source) (expected \(expected), "
                + "found \(found)); the service was left as it was: check the disk on \(host) and apply again"
        case let .unreadableReport(service, host, action, output):
            return "\(action) of \(service)'s data on \(host): the helper's report was unreadable (\(output)); "
                + "the service was left as it was"
        }
    }
}
