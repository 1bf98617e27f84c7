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
