import FoundationEssentials
import Logging
import Spec
import Store

/// Turns what a webhook or a verified message announces into triggers, the same way for every channel: a git
/// message queues a pass that fetches and applies; an image notice updates the registry cache and queues a pass
/// that pulls exactly the references that use it. Windows, approvals and coalescing apply in the pass as usual.
struct TriggerDispatch: Sendable {
    /// What came of an announcement that was authentic.
    enum Outcome: Sendable, Equatable {
        case queued(String)
        case ignored(String)
    }

    let queue: TriggerQueue
    /// Pushes to other branches are ignored; nil accepts every branch (a local checkout).
    let branch: String?
    /// The repository of the last good checkout, to see which services use a pushed image.
    let repository: @Sendable () async -> Repository?
    /// Sees every image notice (before matching), so the registry watcher learns digests without asking.
    var onImageNotice: (@Sendable (ImageNotice) async -> Void)?
    let logger: Logger

    /// A verified message from `channel` (`mqtt`, `ntfy`, `webhook`).
    func deliver(_ message: SignedMessage, from channel: TriggerKind) async -> Outcome {
        switch message.event {
        case .git:
            if let ref = message.ref, let branch, ref != branch, ref != "refs/heads/\(branch)" {
                logger.info("message for another branch ignored", metadata: ["git.ref": .string(ref)])
                return .ignored("message for \(ref) ignored; following \(branch)")
            }
            await queue.submit(Trigger(kind: channel, detail: "git:\(message.commit ?? message.id)"))
            return .queued("pass queued")
        case .image:
            guard let reference = message.imageReference else { return .ignored("no image named") }
            return await images([ImageNotice(reference: reference, digest: message.digest)], kind: channel)
        }
    }

    /// Image notices from a webhook or a message: one trigger per reference a managed service uses.
    func images(_ notices: [ImageNotice], kind: TriggerKind) async -> Outcome {
        guard let repository = await repository() else { return .ignored("no valid checkout yet") }
        var queued: [String] = []
        for notice in notices {
            await onImageNotice?(notice)
            let references = ImageMatcher.references(for: notice, in: repository)
            guard !references.isEmpty else {
                logger.info("image not used by any managed service", metadata: ["image": .string(notice.reference)])
                continue
            }
            await queue.submit(Trigger(kind: kind, detail: notice.reference, refresh: references))
            queued.append(notice.reference)
        }
        return queued.isEmpty ? .ignored("no managed service uses these images")
            : .queued("pass queued for \(queued.joined(separator: ", "))")
    }
}
