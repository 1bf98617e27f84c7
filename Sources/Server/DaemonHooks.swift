import Controller
import Store

/// Where the lead plugs notifications in; every hook runs on its own task so it never blocks a pass.
public struct DaemonHooks: Sendable {
    public var onPass: @Sendable (PassReport) async -> Void
    public var onInvalidCommit: @Sendable (InvalidCommit) async -> Void
    /// Called once the listener is bound, with the port (useful with port 0).
    public var onListening: @Sendable (Int) async -> Void
    /// Version updates found for the first time (any mode): `approve` ones wait for `reconcile updates approve ID`
    /// or a followed link (signed approve/skip links come along, with a webhook secret), with release notes.
    public var onVersionUpdates: @Sendable ([FoundVersionUpdate]) async -> Void

    public init(onPass: @escaping @Sendable (PassReport) async -> Void = { _ in },
                onInvalidCommit: @escaping @Sendable (InvalidCommit) async -> Void = { _ in },
                onListening: @escaping @Sendable (Int) async -> Void = { _ in },
                onVersionUpdates: @escaping @Sendable ([FoundVersionUpdate]) async -> Void = { _ in }) {
        self.onPass = onPass
        self.onInvalidCommit = onInvalidCommit
        self.onListening = onListening
        self.onVersionUpdates = onVersionUpdates
    }
}
