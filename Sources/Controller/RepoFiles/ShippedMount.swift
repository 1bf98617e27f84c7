import Docker

/// Where one repo mount's content lives on a host, and how the service container mounts it.
struct ShippedMount: Sendable, Equatable {
    /// The mount's target path in the service container.
    var target: String
    /// The reconcile-managed volume holding the content.
    var volume: String
    /// For a mounted file: its name inside the volume. Nil for a folder.
    var fileName: String?
    /// The volume's folder on that host; a single file is bind-mounted from here (API 1.41 has no volume subpath).
    var mountpoint: String?
    var readOnly: Bool

    /// A folder is the volume itself; a file is a bind from the volume's folder on the host.
    var bind: String? {
        guard let fileName else { return nil }
        return "\(mountpoint ?? "")/\(fileName):\(target)\(readOnly ? ":ro" : "")"
    }

    var mount: Mount? {
        guard fileName == nil else { return nil }
        return Mount(type: .volume, source: volume, target: target, readOnly: readOnly,
                     volumeOptions: Mount.VolumeOptions(noCopy: true))
    }
}

/// Labels on shipped-content volumes and on the containers that use them.
enum RepoFileLabels {
    /// On a volume: the content hash. On a service container: the comma-separated volumes it mounts.
    static let files = "reconcile.files"
    /// On a volume: the mount target it was made for, so old generations of one mount can be told apart.
    static let target = "reconcile.files.target"
    /// On the short-lived helper container: the volume it fills. A helper left behind marks an unfinished fill.
    static let helper = "reconcile.files.helper"
}
