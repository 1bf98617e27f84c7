import Controller
import FoundationEssentials
import Logging
import Registry
import Spec
import Store

/// Asks registries whether followed tags moved, within the watcher's budget, and turns each move into a
/// pass that pulls exactly those references. Image webhooks feed the same watcher, so a webhook-driven
/// setup makes no polling requests for those images.
struct RegistryPoll: Sendable {
    let watcher: RegistryWatcher
    let queue: TriggerQueue
    let source: any RepositorySource
    let runner: any PassRunner
    let logger: Logger

    /// One tick: refresh the watch list from the last good checkout, ask what is due, queue a pass if a tag moved.
    func tick() async {
        guard let directory = await source.passDirectory(),
              let repository = runner.load(repository: directory).repository else { return }
        await watcher.watch(WatchedImage.list(for: repository.stacks))
        do {
            let pass = try await watcher.check()
            if !pass.changed.isEmpty {
                await queue.submit(Trigger(kind: .registry, detail: pass.changed.sorted().joined(separator: ","),
                                           refresh: pass.changed))
            }
        } catch {
            logger.error("registry watch state could not be saved", metadata: ["error": .string("\(error)")])
        }
    }

    /// An image webhook said `reference` now points at `digest`: remember it, so polling skips it.
    func heard(_ notice: ImageNotice) async {
        guard let digest = notice.digest else { return }
        do { _ = try await watcher.recordWebhook(reference: notice.reference, digest: digest, at: Date()) } catch {
            logger.warning("could not record the webhook's digest", metadata: ["error": .string("\(error)")])
        }
    }
}
