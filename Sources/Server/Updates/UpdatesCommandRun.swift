import Controller
import FoundationEssentials
import Logging
import Registry
import Spec
import Store

/// `reconcile updates [--commit]`, `updates approve ID`, `updates skip ID` against a checkout and a state dir.
public struct UpdatesCommandRun: Sendable {
    public enum Action: Sendable, Equatable {
        /// List open updates; with `commit`, also commit and push those whose policy says `mode: auto`.
        case list(commit: Bool)
        case approve(Int64)
        case skip(Int64)
    }

    let controller: Controller
    let logger: Logger
    /// The remote branch to push to; nil: the branch the checkout has checked out.
    let branch: String?
    let remote: String

    public init(controller: Controller, logger: Logger, branch: String? = nil, remote: String = "origin") {
        self.controller = controller
        self.logger = logger
        self.branch = branch
        self.remote = remote
    }

    public func run(_ action: Action) async throws -> UpdatesReport {
        guard var repository = controller.load().repository else {
            throw UpdateRunError(id: 0, message: "the repo has errors; run `reconcile validate`")
        }
        let only = controller.settings.stackFilter
        if !only.isEmpty { repository.stacks = repository.stacks.filter { only.contains($0.name) } }
        let store = try controller.openStore()
        let watcher = try await RegistryWatcher(store: store, client: RegistryClient(logger: logger), logger: logger,
                                                clock: controller.settings.now)
        let run = VersionUpdateRun(store: store, watcher: watcher, logger: logger)
        var done: [String] = []
        var open = try await run.refresh(repository, now: controller.settings.now()).open
        switch action {
        case .list(commit: false): break
        case .list(commit: true):
            let committer = try await committer()
            try await run.pushPending(committer: committer)
            for record in open where record.state == .pending && record.mode == UpdatePolicy.Approval.auto.rawValue {
                done.append(try await commit(record, run: run, repository: repository, committer: committer))
            }
        case .approve(let id):
            guard let record = open.first(where: { $0.id == id && $0.state != .committed }) else {
                throw UpdateRunError(id: id, message: "no open update has this id; `reconcile updates` lists them")
            }
            done.append(try await commit(record, run: run, repository: repository, committer: try await committer()))
        case .skip(let id):
            guard open.contains(where: { $0.id == id && $0.state != .committed }) else {
                throw UpdateRunError(id: id, message: "no open update has this id; `reconcile updates` lists them")
            }
            try await store.updateVersionUpdate(id: id, state: .skipped)
            done.append("skipped update \(id): it is not proposed again")
        }
        open = try await run.open(in: repository).filter { only.isEmpty || only.contains($0.stack) }
        var entries: [UpdatesReport.Entry] = []
        for record in open {
            var shown = entry(record, repository: repository)
            shown.releaseNotes = await watcher.releaseNotes(for: record.image + ":" + record.candidateTag)
            entries.append(shown)
        }
        return UpdatesReport(updates: entries, done: done)
    }

    private func commit(_ record: VersionUpdateRecord, run: VersionUpdateRun, repository: Repository,
                        committer: UpdateCommitter) async throws -> String {
        let after = try await run.apply(record, repository: repository, committer: committer)
        let summary = "\(record.service): \(record.image) \(record.currentTag) → \(record.candidateTag) (\(record.step))"
        let commit = after.commit.map { String($0.prefix(12)) } ?? "?"
        if after.pushedAt != nil { return "committed \(commit) \(summary), pushed to \(remote)/\(committer.branch)" }
        return "committed \(commit) \(summary); the push failed and is retried: \(after.lastError ?? "unknown error")"
    }

    private func committer() async throws -> UpdateCommitter {
        let checkout = controller.settings.repository
        let target: String
        if let branch { target = branch } else { target = try await UpdateCommitter.currentBranch(of: checkout) }
        return UpdateCommitter(checkout: checkout, remote: remote, branch: target)
    }

    private func entry(_ record: VersionUpdateRecord, repository: Repository) -> UpdatesReport.Entry {
        var writtenAt = "unknown"
        if let stack = repository.stacks.first(where: { $0.name == record.stack }) {
            let tag = record.state == .committed ? record.candidateTag : record.currentTag
            do {
                writtenAt = try TagLocator.locate(tag: tag, service: record.service, stack: stack,
                                                  root: controller.settings.repository).description
            } catch {
                writtenAt = error.description
            }
        }
        return UpdatesReport.Entry(id: record.id, stack: record.stack, service: record.service, image: record.image,
                                   current: record.currentTag, candidate: record.candidateTag, step: record.step,
                                   mode: record.mode, state: record.state, foundAt: record.foundAt,
                                   writtenAt: writtenAt, commit: record.commit, pushed: record.pushedAt != nil,
                                   lastError: record.lastError)
    }
}
