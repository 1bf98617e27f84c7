/// A step of a journaled operation; the raw values are what the `operation_steps.step` column holds.
///
/// Recovery reads how far an operation got from these, so every step a rollout records is a case here and a
/// `switch` over them is checked by the compiler.
public enum OperationStep: String, Sendable, Codable, CaseIterable {
    /// The new container is being created (under `<name>.next` for a recreate).
    case createNew = "create-new"
    /// The old container is being stopped.
    case stopOld = "stop-old"
    /// The service's data is being copied into a snapshot volume.
    case snapshot
    /// The snapshot was copied and checked.
    case snapshotVerified = "snapshot-verified"
    /// `rollback --with-data`: the target snapshot's data is being copied in.
    case restoreTarget = "restore-target"
    /// The old container is being renamed `<name>.prev`.
    case renameOld = "rename-old"
    /// The new container is taking the name.
    case renameNew = "rename-new"
    /// The new container is being started.
    case startNew = "start-new"
    /// The health gate is judging the new container.
    case health
    /// The gate passed: the old container is being removed.
    case removeOld = "remove-old"
    /// The gate failed: the old container is being put back.
    case rollback
    /// The gate failed for a new service: its container is being removed.
    case removeNew = "remove-new"
    /// The service's data is being restored from its snapshot before the old container starts again.
    case restoreData = "restore-data"
}
