import Controller
import FoundationEssentials
import Logging
import Registry
import Spec
import Store
import Versions

/// One round of version updates: list the tags that are due (within the registry budget), find what the
/// policies allow, record it, and commit what is to be committed. Used by `reconcile updates` and the daemon.
public struct VersionUpdateRun: Sendable {
    let store: Store
    let watcher: RegistryWatcher
    let logger: Logger

    public init(store: Store, watcher: RegistryWatcher, logger: Logger) {
        self.store = store
        self.watcher = watcher
        self.logger = logger
    }

    /// Lists due repositories, marks committed versions whose revision was rolled back, and records every
    /// update found (`pending` for `auto` and `approve`, `notified` for `notify`). Returns the updates open now
    /// and those found for the first time in this round.
    @discardableResult
    public func refresh(_ repository: Repository, now: Date) async throws
        -> (open: [VersionUpdateRecord], found: [VersionUpdateRecord]) {
        await watcher.watchTags(WatchedImage.versionList(for: repository.stacks))
        let pass = try await watcher.checkTags(now: now)
        for (key, failure) in pass.failures.sorted(by: { $0.key < $1.key }) {
            logger.warning("tag listing failed", metadata: ["image.repository": "\(key)", "error": "\(failure)"])
        }
        try await markRolledBack()
        let history = try await store.versionUpdates()
        var tags: [String: [String]] = [:]
        for item in WatchedImage.versionList(for: repository.stacks) {
            tags[item.reference] = await watcher.tags(for: item.reference)
        }
        var found: [VersionUpdateRecord] = []
        for update in UpdateFinder.updates(in: repository.stacks, tags: { tags[$0] ?? nil }, history: history) {
            let state: VersionUpdateRecord.State = update.approval == .notify ? .notified : .pending
            let (record, isNew) = try await store.recordVersionUpdate(VersionUpdateRecord(
                stack: update.stack, service: update.service, image: update.image, currentTag: update.current,
                candidateTag: update.candidate, step: update.step.rawValue, mode: update.approval.rawValue,
                state: state, foundAt: now))
            if isNew { found.append(record) }
        }
        return (try await open(in: repository), found)
    }

    /// Updates still to act on: pending, notified, or committed but not pushed; only those whose service still
    /// runs the version they start from (an update overtaken by a newer one or by a hand edit is left out).
    public func open(in repository: Repository) async throws -> [VersionUpdateRecord] {
        try await store.versionUpdates(states: [.pending, .notified, .committed]).filter { record in
            if record.state == .committed { return record.pushedAt == nil }
            let image = repository.stacks.first { $0.name == record.stack }?.service(named: record.service)?.image
            return image == record.image + ":" + record.currentTag
        }
    }

    /// Commits one update in `committer`'s checkout and pushes it. A failed push is recorded on the update
    /// (committed, not pushed) and retried by `pushPending`; a failed edit leaves the update as it was.
    @discardableResult
    public func apply(_ record: VersionUpdateRecord, repository: Repository, committer: UpdateCommitter) async throws
        -> VersionUpdateRecord {
        guard let stack = repository.stacks.first(where: { $0.name == record.stack }) else {
            throw UpdateRunError(id: record.id,
                                 message: "stack `\(record.stack)` is not in the repository (or left out by `--stack`)")
        }
        let update = VersionUpdate(stack: record.stack, service: record.service, image: record.image,
                                   current: record.currentTag, candidate: record.candidateTag,
                                   step: .init(rawValue: record.step) ?? .major,
                                   approval: .init(rawValue: record.mode) ?? .approve)
        let commit = try await committer.commit(update, stack: stack)
        try await store.updateVersionUpdate(id: record.id, state: .committed, commit: commit)
        logger.info("version update committed", metadata: ["update.id": "\(record.id)", "git.commit": "\(commit)",
                                                            "update.summary": "\(update.summary)"])
        try await pushPending(committer: committer)
        return try await store.versionUpdate(id: record.id) ?? record
    }

    /// Pushes the checkout; on success every committed update is marked pushed, else each carries git's error.
    public func pushPending(committer: UpdateCommitter) async throws {
        let unpushed = try await store.versionUpdates(states: [.committed]).filter { $0.pushedAt == nil }
        guard !unpushed.isEmpty else { return }
        do {
            try await committer.push()
            for record in unpushed {
                try await store.updateVersionUpdate(id: record.id, state: .committed, pushedAt: Date())
            }
        } catch {
            logger.warning("push of version updates failed; it is retried", metadata: ["error": "\(error)"])
            for record in unpushed {
                try await store.updateVersionUpdate(id: record.id, state: .committed, lastError: "\(error)")
            }
        }
    }

    /// A committed version whose stack then recorded a rolled-back revision running it is `rolled_back`: it is
    /// not proposed again, only newer versions are.
    func markRolledBack() async throws {
        for record in try await store.versionUpdates(states: [.committed]) {
            let reference = record.image + ":" + record.candidateTag
            let failed = try await store.revisions(stack: record.stack, limit: 20).contains { revision in
                revision.outcome == .rolledBack && revision.finishedAt >= (record.decidedAt ?? record.foundAt)
                    && revision.spec.contains(reference)
            }
            if failed {
                try await store.updateVersionUpdate(id: record.id, state: .rolledBack, lastError: "its revision was rolled back")
            }
        }
    }
}

/// An update that cannot be applied, with its id.
public struct UpdateRunError: Error, Sendable, CustomStringConvertible {
    public var id: Int64
    public var message: String
    public var description: String { "update \(id): \(message)" }
}
