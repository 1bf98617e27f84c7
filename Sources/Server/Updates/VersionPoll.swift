import Controller
import FoundationEssentials
import Logging
import Registry
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
    /// Signs the approve/skip links of update notifications; nil without a webhook secret (no buttons then).
    let links: @Sendable () async -> UpdateLink?
    let logger: Logger
    /// Where commits are pushed when not to the followed branch (`--updates-branch`): they deploy once merged.
    var pushBranch: String? = nil
    let gate = UpdatesGate()

    func tick() async {
        await gate.serialized { await round() }
    }

    private func round() async {
        guard let directory = await source.passDirectory(),
              let repository = runner.load(repository: directory).repository else { return }
        do {
            let (open, found) = try await run.refresh(repository, now: Date())
            if !found.isEmpty { await hooks.onVersionUpdates(await described(found)) }
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

    /// What the notice of each new update offers: approve/skip links for those that wait for approval, and the
    /// candidate's release notes.
    private func described(_ found: [VersionUpdateRecord]) async -> [FoundVersionUpdate] {
        let signer = await links()
        var described: [FoundVersionUpdate] = []
        for record in found {
            let waits = record.mode == UpdatePolicy.Approval.approve.rawValue && record.state == .pending
            described.append(FoundVersionUpdate(
                record: record, links: waits ? signer?.links(for: record.id) : nil,
                releaseNotes: await run.watcher.releaseNotes(for: record.image + ":" + record.candidateTag)))
        }
        return described
    }

    /// Commits `records` in the updates clone, pushes (and retries earlier pushes), then asks for a git sync.
    private func commit(_ records: [VersionUpdateRecord], repository: Repository) async throws {
        guard let git = source as? GitSource else {
            logger.warning("`mode: auto` needs `--git`: updates wait in `reconcile updates`",
                           metadata: ["updates": .stringConvertible(records.count)])
            return
        }
        let committer = try await committer(git)
        try await run.pushPending(committer: committer)
        var pushed = false
        for record in records {
            do {
                pushed = try await run.apply(record, repository: repository, committer: committer).pushedAt != nil || pushed
            } catch {
                logger.warning("version update not committed", metadata: ["update.id": "\(record.id)", "error": "\(error)"])
            }
        }
        if pushed && pushBranch == nil { await queue.submit(Trigger(kind: .git, detail: "version update")) }
    }

    /// Commits in the updates clone (based on the followed branch), pushed to `pushBranch` or the followed branch.
    func committer(_ git: GitSource) async throws -> UpdateCommitter {
        UpdateCommitter(checkout: try await git.updatesCheckout(), branch: pushBranch ?? git.branch)
    }
}
