import Store

/// Why `reconcile rollback` refused or could not finish, said so a person knows what to do next.
public enum RollbackError: Error, Sendable, CustomStringConvertible {
    /// The repo has errors; nothing was contacted.
    case invalidRepository([String])
    case unknownStack(String)
    case unknownHost(String)
    /// The stack was never applied on that host, or only once: there is nothing earlier to return to.
    case noEarlierRevision(host: String, stack: String)
    case noSuchRevision(Int64)
    /// `--to` names a revision of another stack or host.
    case revisionMismatch(revision: Int64, host: String, stack: String, wantedHost: String?, wantedStack: String)
    /// Only `applied` revisions ran as recorded; a failed or rolled-back one never did.
    case notApplied(revision: Int64, outcome: RevisionOutcome)
    /// Recorded before config hashes were kept with each revision.
    case noRecordedConfig(revision: Int64)
    case missingConfig(revision: Int64, service: String, hash: String)
    /// An environment value changed since: only its fingerprint is in history.
    case secretNotStored(revision: Int64, service: String, variable: String)
    /// A value interpolated into the config (command, healthcheck, label, …) changed since: only its fingerprint
    /// is in history.
    case interpolatedValueNotStored(revision: Int64, service: String, fingerprint: String)
    /// A repo file the service mounts changed since: only its content hash is in history.
    case repoFileChanged(revision: Int64, service: String, path: String)
    /// The rebuilt config does not hash to what was recorded (a bug, or a record from another version).
    case notExact(revision: Int64, service: String, recorded: String, rebuilt: String)
    case imageGone(revision: Int64, service: String, image: String, host: String, reference: String)
    case noImageRecorded(revision: Int64, service: String)
    /// The service's data was written by a newer config than the target's, and a snapshot of the target's data exists.
    case dataNewer(revision: Int64, service: String, host: String, stack: String, snapshot: Int64)
    /// `--with-data`, but no snapshot holds the target's data of that service.
    case noSnapshot(revision: Int64, service: String, host: String)
    /// `--with-data` for a service that has no container on the host: no data of its to put back.
    case noContainer(revision: Int64, service: String, host: String, stack: String)

    public var description: String {
        switch self {
        case .invalidRepository(let diagnostics):
            return "the repo has errors; fix them first (`reconcile validate`):\n" + diagnostics.joined(separator: "\n")
        case .unknownStack(let stack):
            return "no stack \(stack) in the repo: rollback redeploys a stack the repo still has"
        case .unknownHost(let host):
            return "no host \(host) in the repo (hosts/\(host).yaml)"
        case .noEarlierRevision(let host, let stack):
            return "\(host)/\(stack): no earlier applied revision to roll back to (see `reconcile history --stack \(stack)`)"
        case .noSuchRevision(let id):
            return "no revision \(id) in history (see `reconcile history`)"
        case .revisionMismatch(let id, let host, let stack, let wantedHost, let wantedStack):
            return "revision \(id) is \(host)/\(stack), not \(wantedHost ?? host)/\(wantedStack)"
        case .notApplied(let id, let outcome):
            return "revision \(id) is \(outcome.rawValue), not applied: it never ran as recorded; pick an applied one"
        case .noRecordedConfig(let id):
            return "revision \(id) was recorded without config hashes (by an older reconcile) and cannot be restored exactly"
        case .missingConfig(let id, let service, let hash):
            return "revision \(id): the config \(hash) of service \(service) is not in the store"
        case .interpolatedValueNotStored(let id, let service, let fingerprint):
            return "cannot restore revision \(id): service \(service) used an interpolated value (\(fingerprint)) the repo "
                + "no longer has; its old value is not stored: secrets never are. Put the old value back in `.env` "
                + "or the environment, or roll back to a revision with the current value"
        case .secretNotStored(let id, let service, let variable):
            return "cannot restore revision \(id): service \(service) had a different value for environment "
                + "\(variable); its old value is not stored: secrets never are. Put the old value back in the repo, "
                + "or roll back to a revision with the current value"
        case .repoFileChanged(let id, let service, let path):
            return "cannot restore revision \(id): service \(service) mounts \(path), which changed since; "
                + "history keeps only its content hash. Restore the file in the repo first"
        case .notExact(let id, let service, let recorded, let rebuilt):
            return "cannot restore revision \(id): service \(service) rebuilds as \(rebuilt), not the recorded \(recorded)"
        case .imageGone(let id, let service, let image, let host, let reference):
            return "cannot restore revision \(id): image \(image) (\(reference)) of service \(service) is no longer "
                + "on \(host); load or pull that exact image again, or roll back to a later revision"
        case .noImageRecorded(let id, let service):
            return "revision \(id) recorded no image ID for service \(service)"
        case .dataNewer(let id, let service, let host, let stack, let snapshot):
            return "refusing to roll \(service) on \(host) back to revision \(id) without its data: the data was written by a "
                + "newer version than that image, which may not read it; snapshot \(snapshot) holds the data of revision \(id): "
                + "`reconcile rollback \(stack) --to \(id) --with-data` restores it with the image"
        case .noSnapshot(let id, let service, let host):
            return "--with-data: no snapshot on \(host) holds the data of service \(service) as revision \(id) left it "
                + "(see `reconcile snapshots`); roll back without --with-data to keep the current data"
        case let .noContainer(id, service, host, stack):
            return "--with-data: service \(service) has no container on \(host), so there is no data in use to put revision "
                + "\(id)'s under; roll back without --with-data (`reconcile rollback \(stack) --to \(id)`) to create it, "
                + "then again with --with-data"
        }
    }
}
