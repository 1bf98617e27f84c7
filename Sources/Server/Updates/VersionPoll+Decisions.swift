import FoundationEssentials
import Logging
import Spec
import Store

extension VersionPoll {
    /// What a followed notification button does: approve commits and pushes the update as
    /// `reconcile updates approve ID` does (from the updates clone), then asks for a git sync; skip keeps it skipped.
    func decide(_ id: Int64, _ action: UpdateLink.Action) async -> WebhookResponse {
        await gate.serialized { await decided(id, action) }
    }

    private func decided(_ id: Int64, _ action: UpdateLink.Action) async -> WebhookResponse {
        guard let directory = await source.passDirectory(),
              let repository = runner.load(repository: directory).repository else {
            return WebhookResponse(status: 503, message: "the repo is not loaded or has errors; try again after a pass",
                                   result: "unavailable")
        }
        do {
            let open = try await run.open(in: repository)
            guard let record = open.first(where: { $0.id == id && $0.state != .committed }) else {
                return WebhookResponse(status: 404, message: "update \(id) is not open (already decided, or overtaken); "
                                       + "`reconcile updates` lists the open ones", result: "not_found")
            }
            switch action {
            case .skip:
                try await run.store.updateVersionUpdate(id: id, state: .skipped)
                await state.recordVersionUpdates(try await run.open(in: repository))
                return .init(status: 200, message: "skipped update \(id): it is not proposed again", result: "accepted")
            case .approve:
                guard let git = source as? GitSource else {
                    return .init(status: 409, message: "approving from a link needs `--git`; run `reconcile updates approve \(id)`",
                                 result: "unavailable")
                }
                let committer = try await committer(git)
                let after = try await run.apply(record, repository: repository, committer: committer)
                await state.recordVersionUpdates(try await run.open(in: repository))
                let summary = "\(record.service): \(record.image) \(record.currentTag) → \(record.candidateTag)"
                guard after.pushedAt != nil else {
                    return .init(status: 202, message: "committed \(summary); the push failed and is retried: "
                                 + (after.lastError ?? "unknown error"), result: "accepted")
                }
                if let pushBranch {
                    return .init(status: 200, message: "committed and pushed \(summary) to \(pushBranch); "
                                 + "it deploys once merged into \(git.branch)", result: "accepted")
                }
                await queue.submit(Trigger(kind: .git, detail: "version update approved"))
                return .init(status: 200, message: "committed and pushed \(summary); the next pass deploys it",
                             result: "accepted")
            }
        } catch {
            logger.error("update decision failed", metadata: ["update.id": "\(id)", "error": "\(error)"])
            return .init(status: 500, message: "update \(id) was not changed: \(error)", result: "failed")
        }
    }
}
