import Foundation
import Logging
@testable import Registry
import Store

/// A fake registry, a hand-moved clock, a Store in a temporary file and a watcher wired to them.
struct WatcherHarness {
    let registry: FakeRegistry
    let clock: TestClock
    let storePath: URL
    let client: RegistryClient
    let settings: WatcherSettings

    static let logger = Logger(label: "reconcile.registry.tests")

    init(_ control: FakeRegistry.Control = .init(), settings: WatcherSettings = WatcherSettings(),
         credentials: DockerCredentials = DockerCredentials()) async throws {
        registry = try await FakeRegistry.start(control)
        clock = TestClock()
        storePath = registry.folder.appendingPathComponent("state/reconcile.sqlite")
        client = RegistryClient(credentials: credentials, logger: Self.logger, clock: clock.function)
        self.settings = settings
    }

    /// A new watcher over a freshly opened Store on the same file, as after a restart.
    func watcher() async throws -> RegistryWatcher {
        let store = try Store(path: storePath, now: clock.function)
        return try await RegistryWatcher(store: store, client: client, settings: settings,
                                         logger: Self.logger, clock: clock.function)
    }

    /// `repo:tag` on the fake registry as a full reference.
    func reference(_ repositoryAndTag: String) -> String {
        "\(registry.host)/\(repositoryAndTag)"
    }
}
