import Controller
import FoundationEssentials
import Logging
import Spec
import Store

/// The daemon's round of version updates, on the registry tick: tags are listed when due, open updates are shown
/// in `/api/status`, and `mode: auto` updates are committed and pushed from the git source's updates clone, after
/// which the git sync deploys them like any other commit (health gate, rollback, windows included).
struct VersionPoll: Sendable {
    let run: VersionUpdateRun
    let state: DaemonState
    let queue: TriggerQueue
    let source: any RepositorySource
    let runner: any PassRunner
    let hooks: DaemonHooks
    let logger: Logger

    func tick() async {
        guard let directory = await source.passDirectory(),
              let repository = runner.load(repository: directory).repository else { return }
        do {
            let (open, found) = try await run.refresh(repository, now: Date())
            if !found.isEmpty { await hooks.onVersionUpdates(found) }
            let auto = open.filter { $0.state == .pending && $0.mode == UpdatePolicy.Approval.auto.rawValue }
            if !auto.isEmpty || open.contains(where: { $0.state == .committed }) {
                try await commit(auto, repository: repository)
            }
            await state.recordVersionUpdates(try await run.open(in: repository))
        } catch {
            logger.error("version updates failed; they are tried again on the next round",
                         metadata: ["error": .string("\(error)")])
        }
    }

    /// Commits `records` in the updates clone, pushes (and retries earlier pushes), then asks for a git sync.
    private func commit(_ records: [VersionUpdateRecord], repository: Repository) async throws {
        guard let git = source as? GitSource else {
            logger.warning("`mode: auto` needs `--git`: updates wait in `reconcile updates`",
                           metadata: ["updates": .stringConvertible(records.count)])
            return
        }
        let committer = UpdateCommitter(checkout: try await git.updatesCheckout(), branch: git.branch)
        try await run.pushPending(committer: committer)
        var pushed = false
        for record in records {
            do {
                pushed = try await run.apply(record, repository: repository, committer: committer).pushedAt != nil || pushed
            } catch {
                logger.warning("version update not committed", metadata: ["update.id": "\(record.id)", "error": "\(error)"])
            }
        }
        if pushed { await queue.submit(Trigger(kind: .git, detail: "version update")) }
    }
}
