import FoundationEssentials
import Spec
import Store

/// What `reconcile rollback` asks for: a stack, optionally one host and one revision.
public struct RollbackRequest: Sendable {
    public var stack: String
    /// Only this host; nil means every host the repo places the stack on.
    public var host: String?
    /// The revision to return to; nil means the applied revision before the newest applied one.
    public var revision: Int64?
    /// `--with-data`: restore each snapshotted service's data as the revision left it (its snapshot).
    public var withData: Bool

    public init(stack: String, host: String? = nil, revision: Int64? = nil, withData: Bool = false) {
        self.stack = stack
        self.host = host
        self.revision = revision
        self.withData = withData
    }
}

extension Controller {
    /// Redeploys an earlier revision of a stack, pinned to its recorded image IDs, behind the health gate,
    /// and holds back the repo's current config so the next pass does not undo it.
    public func rollback(_ request: RollbackRequest) async throws -> RollbackReport {
        let loaded = load()
        guard let repository = loaded.repository else {
            throw RollbackError.invalidRepository(loaded.diagnostics.map(\.rendered))
        }
        // A held stack has errors: what the repo wants of it is unknown, so it is not rolled back either.
        if let errors = repository.heldStacks[request.stack] { throw RollbackError.invalidRepository(errors.map(\.rendered)) }
        guard let stack = repository.stack(named: request.stack) else { throw RollbackError.unknownStack(request.stack) }
        let identity: RepositoryIdentity?
        do { identity = try await RepositoryIdentity.resolve(root: settings.repository) } catch {
            throw RollbackError.invalidRepository([error.diagnostic(root: settings.repository).rendered])
        }
        // One writer per state directory: waits for a pass (the daemon's, say) to finish first.
        let lock = try await lockStateDirectory()
        defer { withExtendedLifetime(lock) {} }
        let store = try openStore()
        var hosts = repository.hosts(for: stack)
        if let revision = request.revision {
            // The revision says where it ran, wherever the stack is placed now.
            guard let record = try await store.revision(id: revision) else { throw RollbackError.noSuchRevision(revision) }
            guard request.host == nil || request.host == record.host else {
                throw RollbackError.revisionMismatch(revision: revision, host: record.host, stack: record.stack,
                                                     wantedHost: request.host, wantedStack: stack.name)
            }
            guard let host = repository.host(named: record.host) else { throw RollbackError.unknownHost(record.host) }
            hosts = [host]
        } else if let name = request.host {
            guard let host = repository.host(named: name) else { throw RollbackError.unknownHost(name) }
            hosts = [host]
        }
        await Recovery(store: store, repository: repository, settings: settings, logger: logger,
                       makeTransport: makeTransport).run()
        var context = PassContext(commit: await GitCheckout(directory: settings.repository).describeHead(), trigger: .rollback,
                                  environment: settings.environment, owner: owner(repository, identity),
                                  redactor: try RedactionKey.redactor(in: settings.stateDirectory))
        context.stepObserver = settings.stepObserver
        var results: [RollbackReport.HostResult] = []
        for host in hosts {
            do {
                let connection = try HostConnection.open(host, settings: settings, logger: logger,
                                                         makeTransport: makeTransport)
                let run = RollbackRun(host: host, stack: stack.placingHostData(under: host.data), repository: repository, store: store, context: context,
                                      client: connection.client, withData: request.withData)
                results.append(await run.run(to: request.revision))
            } catch {
                results.append(RollbackReport.HostResult(host: host.name, stack: stack.name, target: request.revision,
                                                         revision: nil, outcome: .failed, actions: [], heldBack: [:],
                                                         healthLog: [], error: "\(error)"))
            }
        }
        return RollbackReport(stack: stack.name, results: results)
    }
}
