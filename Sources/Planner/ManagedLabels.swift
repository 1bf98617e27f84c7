/// The labels reconcile puts on everything it creates. Their presence is the
/// only thing that makes a container, network or volume "managed".
public enum ManagedLabels {
    /// Stack (folder name under `stacks/`); the ownership marker.
    public static let stack = "reconcile.stack"
    public static let service = "reconcile.service"
    /// SHA-256 of the canonical desired container; "changed" means this differs.
    public static let hash = "reconcile.hash"
    /// Which reconcile installation owns the object; one host may serve several repos.
    public static let instance = "reconcile.instance"
    /// The repository that created the object (see `RepositoryIdentity`): a pass prunes only its own.
    /// Absent on objects made before it existed, and on objects of a checkout that has no identity.
    public static let repository = "reconcile.repository"
    /// The owner when `reconcile.instance` is absent.
    public static let defaultInstance = "default"
    /// Git commit the container was created from, when known.
    public static let commit = "reconcile.commit"
    /// Network or volume key inside the stack.
    public static let network = "reconcile.network"
    public static let volume = "reconcile.volume"
}
