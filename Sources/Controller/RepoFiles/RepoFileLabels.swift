/// Labels on shipped-content volumes and on the containers that use them.
enum RepoFileLabels {
    /// On a volume: the content hash. On a service container: the comma-separated volumes it mounts.
    static let files = "reconcile.files"
    /// On a volume: the mount target it was made for, so old generations of one mount can be told apart.
    static let target = "reconcile.files.target"
    /// On the short-lived helper container: the volume it fills. A helper left behind marks an unfinished fill.
    static let helper = "reconcile.files.helper"
    /// On the short-lived helper that seeds a host-data folder: the folder's host path.
    static let seedHelper = "reconcile.data.seed"
}
