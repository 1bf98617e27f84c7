import Basics
import FoundationEssentials
import Logging
import Planner
import Sealed
import Spec
import Store

/// The library behind every command: load the repo, then plan or apply across hosts, and read history.
public final class Controller: Sendable {
    public let settings: ControllerSettings
    let logger: Logger
    let makeTransport: TransportFactory

    public init(settings: ControllerSettings, logger: Logger, makeTransport: TransportFactory? = nil) throws {
        self.settings = settings
        self.logger = logger
        self.makeTransport = makeTransport ?? HostConnection.defaultTransport
    }

    /// Reads and validates `hosts/`, `stacks/` and the repository identity; no host is contacted.
    public func load() -> LoadResult {
        var result = RepositoryLoader.load(root: settings.repository.path, environment: settings.environment)
        // Only a `repository:` in reconcile.yaml can be wrong; the git fallback is read when a pass needs it.
        do { _ = try RepositoryIdentity.named(root: settings.repository) } catch {
            result.diagnostics.append(error.diagnostic(root: settings.repository))
            result.repository = nil
        }
        return result
    }

    /// `load()` plus every encrypted file of the repository, used or not, opened with the key at hand.
    public func validate() -> LoadResult {
        var result = load()
        let known = Set(result.diagnostics)
        let swept = EncryptedFileSweep.check(root: settings.repository.path, keys: AgeKeys(path: settings.ageKeyFile))
            .filter { !known.contains($0) }
        if !swept.isEmpty {
            result.diagnostics += swept
            result.repository = nil
        }
        return result
    }

    public func openStore() throws -> Store {
        try Store(path: settings.databasePath)
    }

    /// What a pass would do and why; changes nothing on any host.
    public func plan(adopt: Bool = false) async throws -> PassReport {
        try await pass(mode: .plan, ApplyRequest(trigger: .plan, adopt: adopt))
    }

    /// One pass: every selected host concurrently; a failure on one never stops the others.
    public func apply(_ request: ApplyRequest) async throws -> PassReport {
        try await pass(mode: .apply, request)
    }

    func pass(mode: PassReport.Mode, _ request: ApplyRequest) async throws -> PassReport {
        let started = Date()
        // Reading and parsing the checkout blocks: off the cooperative pool.
        let loaded = try await BlockingWork.run { [self] in load() }
        let commit = await GitCheckout(directory: settings.repository).describeHead()
        // An unusable `repository:` is among the load's diagnostics: a pass then stops here, before any host.
        guard let repository = loaded.repository else {
            return PassReport(mode: mode, commit: commit, startedAt: started, finishedAt: Date(),
                              diagnostics: loaded.diagnostics.map(\.rendered), hosts: [])
        }
        let identity: RepositoryIdentity?
        do { identity = try await RepositoryIdentity.resolve(root: settings.repository) } catch {
            return PassReport(mode: mode, commit: commit, startedAt: started, finishedAt: Date(),
                              diagnostics: [error.diagnostic(root: settings.repository).rendered], hosts: [])
        }
        // One writer per state directory: held until this pass has recorded everything.
        let lock = mode == .apply ? try await lockStateDirectory() : nil
        defer { withExtendedLifetime(lock) {} }
        // A plan only looks: where no pass has run yet it reads an empty history and creates no state.
        let fresh = mode == .plan && !FileManager.default.fileExists(atPath: settings.databasePath.path)
        let store = fresh ? try Store(inMemoryWith: { Date() }) : try openStore()
        if mode == .apply {
            await Recovery(store: store, repository: repository, settings: settings, logger: logger,
                           makeTransport: makeTransport).run()
            for stack in request.retry where repository.heldStacks[stack] == nil {
                for host in repository.hosts { try await store.clearHeldBack(host: host.name, stack: stack) }
            }
        }
        var triggers = request.triggers ?? [request.trigger.rawValue]
        if request.ignoreWindows { triggers.append("ignore-windows") }
        var context = PassContext(commit: commit, trigger: request.trigger, triggers: triggers,
                                  environment: settings.environment, owner: owner(repository, identity),
                                  redactor: fresh ? RedactionKey.ephemeralRedactor()
                                      : try RedactionKey.redactor(in: settings.stateDirectory))
        context.gateProgress = settings.gateProgress
        context.stepObserver = settings.stepObserver
        let hosts = selectedHosts(repository)
        let reports = await withTaskGroup(of: (Int, HostReport).self) { group in
            for (index, host) in hosts.enumerated() {
                let pass = HostPass(host: host, repository: repository, settings: settings, store: store,
                                    context: context, adopt: request.adopt, refresh: request.refresh,
                                    ignoreWindows: request.ignoreWindows, allowMassRemoval: request.allowMassRemoval,
                                    logger: logger, makeTransport: makeTransport)
                group.addTask { (index, await pass.run(apply: mode == .apply)) }
            }
            var out: [(Int, HostReport)] = []
            for await item in group { out.append(item) }
            return out.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var report = PassReport(mode: mode, commit: commit, startedAt: started, finishedAt: Date(), diagnostics: [],
                                hosts: reports, repository: identity?.value)
        if !repository.heldStacks.isEmpty {
            report.heldStacks = repository.heldStacks.keys.sorted()
            report.heldStackErrors = loaded.diagnostics.filter { $0.severity == .error }.map(\.rendered)
        }
        return report
    }

    /// What this checkout acts for: the installation, its repository identity, and the stacks it declares.
    func owner(_ repository: Repository, _ identity: RepositoryIdentity?) -> Owner {
        // A held stack is still declared: its containers stay this repository's, never foreign or departed.
        Owner(instance: settings.instance, repository: identity?.value,
              declaredStacks: Set(repository.stacks.map(\.name)).union(repository.heldStacks.keys))
    }

    /// Takes the state directory's lock, saying once on the log who holds it while waiting.
    func lockStateDirectory() async throws -> StateLock {
        let logger = self.logger
        return try await StateLock.acquire(stateDirectory: settings.stateDirectory,
                                           command: ProcessIdentity.commandLine()) { holder in
            logger.warning("waiting for the state directory: \(holder) is changing hosts; this run goes on when it is done")
        }
    }

    func selectedHosts(_ repository: Repository) -> [HostSpec] {
        repository.hosts.filter { settings.hostFilter.isEmpty || settings.hostFilter.contains($0.name) }
    }

    /// Revisions of any of `hosts` and any of `stacks` (empty: all); no state directory means no history yet.
    public func history(hosts: Set<String>, stacks: Set<String>, limit: Int) async throws -> HistoryList {
        guard FileManager.default.fileExists(atPath: settings.databasePath.path) else { return HistoryList(revisions: []) }
        return HistoryList(revisions: try await openStore().revisions(hosts: hosts, stacks: stacks, limit: limit))
    }

    public func revision(_ id: Int64) async throws -> RevisionRecord? {
        try await openStore().revision(id: id)
    }
}
