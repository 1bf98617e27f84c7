import Spec

/// Unmanaged containers that already have a service's name: taken over, replaced, or left alone.
extension Planner {
    /// Equal to the repository → `adopt` (nothing on the host changes). Different → `recreate` with the
    /// differences when `reconcile adopt` claimed it or `--adopt` was passed, `blocked` with them otherwise.
    static func takeover(_ current: LiveContainer, desired: DesiredContainer, check: TakeoverCheck?, adopt: Bool,
                         action: (PlannedAction.Kind, [String]) -> PlannedAction) -> PlannedAction {
        let name = desired.name, id = current.id.prefix(12)
        guard let check, check.containerID == current.id else {
            if adopt { return action(.recreate, ["adopting unmanaged container \(name) (\(id)): it is replaced"]) }
            return action(.blocked, [
                "container name \(name) is taken by a container reconcile does not manage (\(id)); "
                    + "rename or remove it, set container_name, or pass --adopt to replace it",
            ])
        }
        if check.isEqual, desired.hash != nil {
            return action(.adopt, ["unmanaged container \(name) (\(id)) runs exactly this configuration; "
                                   + "taken over as it runs, not recreated"])
        }
        if check.isEqual {
            // Equal but the image is not on the host by the repository's reference: it cannot be hashed yet.
            return action(.recreate, ["image \(desired.service.image) will be pulled"])
        }
        if check.claimed || adopt {
            return action(.recreate, ["adopting unmanaged container \(name) (\(id)): it differs from the repository, "
                                      + "so it is replaced: " + check.differences.joined(separator: "; ")])
        }
        return action(.blocked, [
            "container name \(name) is taken by a container reconcile does not manage (\(id)) and it differs from "
                + "the repository (" + check.differences.joined(separator: "; ") + "); run `reconcile adopt` for its "
                + "host, or pass --adopt to replace it",
        ])
    }
}
