import Planner

/// A failure while applying, with the host and object it concerns; `description` is what the report prints.
enum ApplyError: Error, CustomStringConvertible {
    /// What a stack declares `external: true` must already exist.
    enum Resource: String, Sendable {
        case network, volume
    }

    /// An external network or volume the stack names is not on the host.
    case missingExternal(Resource, name: String, key: String, file: String, host: String)
    /// The last line of defence: a container of another installation or repository is never removed.
    case notOurs(container: String)
    /// A planned action lacks the container it acts on (a planner bug, never a user's mistake).
    case missingContainer(PlannedAction.Kind)
    /// The image of a service is not on the host even after its pull.
    case imageMissing(image: String, host: String)
    /// A rollback would replace a container this installation does not manage.
    case nameTakenByUnmanaged(name: String)
    /// While settling a rollout, the service's name was taken by a container of another stack.
    case nameTakenByStack(name: String, host: String, stack: String?, containerID: String)
    /// A settlement ended with the service's container not running.
    case notRunningAfterRecovery(name: String, host: String, status: String)
    /// A volume of repository files was filled but is gone when looked up again.
    case volumeVanished(volume: String, source: String, host: String)
    /// A single repository file is bind-mounted from a volume whose driver shows no mountpoint.
    case volumeWithoutMountpoint(volume: String, host: String, driver: String)
    /// `reconcile images` needs a repository that loads.
    case repositoryHasErrors
    /// A rollout failed and the snapshot it had begun could not be removed either.
    case snapshotNotDiscarded(cause: String, volume: String, host: String, error: String)

    var description: String {
        switch self {
        case let .missingExternal(resource, name, key, file, host):
            "external \(resource.rawValue) \(name) (\(file): \(resource.rawValue)s.\(key)) does not exist on \(host); "
                + "create it there, or drop `external: true` to let reconcile create it"
        case let .notOurs(container):
            "refusing to remove \(container): it is not this repository's (\(ManagedLabels.stack), "
                + "\(ManagedLabels.instance) and \(ManagedLabels.repository) say so)"
        case let .missingContainer(kind):
            "\(kind.rawValue) without a container"
        case let .imageMissing(image, host):
            "image \(image) is not on \(host) after the pull"
        case let .nameTakenByUnmanaged(name):
            "container name \(name) is taken by a container this installation does not manage"
        case let .nameTakenByStack(name, host, stack, containerID):
            "\(name) on \(host) is now a container of stack \(stack ?? "none") (\(containerID.prefix(12))); "
                + "it is not touched: rename or remove it, and the next pass restores the service"
        case let .notRunningAfterRecovery(name, host, status):
            "\(name) on \(host) is \(status) after recovery; the next pass tries again"
        case let .volumeVanished(volume, source, host):
            "volume \(volume) for \(source) vanished from \(host) right after it was filled"
        case let .volumeWithoutMountpoint(volume, host, driver):
            "volume \(volume) on \(host) has no mountpoint (driver \(driver)); "
                + "a single repo file is bind-mounted from it, so use a folder mount instead"
        case .repositoryHasErrors:
            "the repo has errors; run `reconcile validate`"
        case let .snapshotNotDiscarded(cause, volume, host, error):
            "\(cause); removing the incomplete snapshot \(volume) failed too (\(error)): "
                + "`docker volume rm \(volume)` on \(host)"
        }
    }
}
