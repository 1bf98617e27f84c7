/// The good state a settlement left one service's containers in; the raw values are the words the journal
/// stores after `settled: ` (see `OperationOutcome`).
///
/// A settlement returns only when the host shows one of these, so every case names a state that was checked.
public enum SettlementResult: String, Sendable, Codable, CaseIterable {
    /// A removal found its container already gone.
    case alreadyRemoved = "already removed"
    /// A removal's container was removed now.
    case removalCompleted = "removal completed"
    /// The new container is under the name and healthy; there was no previous one to remove.
    case keptNew = "completed (the new container is healthy)"
    /// The new container is under the name and healthy; the previous one was removed.
    case keptNewRemovedPrevious = "completed (the new container is healthy; the previous one was removed)"
    /// A create was undone: its new container was removed.
    case removedNew = "the new container was removed (nothing ran before)"
    /// Reverting found the previous container gone, so the new one stays under the name (and runs).
    case keptNewWithoutPrevious = "the previous container is gone; the new one was kept"
    /// The previous container is back under its name (running if it ran before).
    case reverted = "reverted to the previous container"
    /// As `reverted`, and the service's data was restored from its snapshot first.
    case revertedWithData = "reverted to the previous container and its data"
}

extension SettlementResult: CustomStringConvertible {
    /// As logs and the journal say it: `settled: reverted to the previous container`.
    public var description: String { "settled: " + rawValue }
}
