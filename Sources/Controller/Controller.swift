import FoundationEssentials
import Logging
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

    /// Reads and validates `hosts/` and `stacks/`; no host is contacted.
    public func load() -> LoadResult {
        RepositoryLoader.load(root: settings.repository.path, environment: settings.environment)
    }

    public func openStore() throws -> Store {
        try Store(path: settings.databasePath)
    }

    /// What a pass would do and why; changes nothing on any host.
    public func plan(adopt: Bool = false) async throws -> PassReport {
        try await pass(mode: .plan, ApplyRequest(trigger: "plan", adopt: adopt))
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
        guard let repository = loaded.repository else {
            return PassReport(mode: mode, commit: commit, startedAt: started, finishedAt: Date(),
                              diagnostics: loaded.diagnostics.map(\.rendered), hosts: [])
        }
        let store = try openStore()
        if mode == .apply {
            await Recovery(store: store, repository: repository, settings: settings, logger: logger,
                           makeTransport: makeTransport).run()
            for stack in request.retry {
                for host in repository.hosts { try await store.clearHeldBack(host: host.name, stack: stack) }
            }
        }
        var triggers = request.triggers ?? [request.trigger]
        if request.ignoreWindows { triggers.append("ignore-windows") }
        let context = PassContext(commit: commit, trigger: request.trigger, triggers: triggers,
                                  environment: settings.environment, instance: settings.instance,
                                  redactor: try RedactionKey.redactor(in: settings.stateDirectory))
        let hosts = selectedHosts(repository)
        let reports = await withTaskGroup(of: (Int, HostReport).self) { group in
            for (index, host) in hosts.enumerated() {
                let pass = HostPass(host: host, repository: repository, settings: settings, store: store,
                                    context: context, adopt: request.adopt, refresh: request.refresh,
                                    ignoreWindows: request.ignoreWindows, logger: logger,
                                    makeTransport: makeTransport)
                group.addTask { (index, await pass.run(apply: mode == .apply)) }
            }
            var out: [(Int, HostReport)] = []
            for await item in group { out.append(item) }
            return out.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return PassReport(mode: mode, commit: commit, startedAt: started, finishedAt: Date(), diagnostics: [],
                          hosts: reports)
    }

    func selectedHosts(_ repository: Repository) -> [HostSpec] {
        repository.hosts.filter { settings.hostFilter.isEmpty || settings.hostFilter.contains($0.name) }
    }

    public func history(host: String?, stack: String?, limit: Int) async throws -> HistoryList {
        HistoryList(revisions: try await openStore().revisions(host: host, stack: stack, limit: limit))
    }

    public func revision(_ id: Int64) async throws -> RevisionRecord? {
        try await openStore().revision(id: id)
    }
}
