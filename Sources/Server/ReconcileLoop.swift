import CHeap
import Controller
import FoundationEssentials
import Logging
import ServiceLifecycle

/// The one place passes run: wakes on the trigger queue, folds every pending trigger into one pass.
///
/// On graceful shutdown the wake-up sequence ends, but a pass already running is not cancelled: it
/// finishes its stacks so no host is left between a stop and a start.
struct ReconcileLoop: Service {
    let queue: TriggerQueue
    let state: DaemonState
    let source: any RepositorySource
    let runner: any PassRunner
    let hooks: DaemonHooks
    /// Wakes the loop when a deploy window opens for a pending change.
    let alarm: WindowAlarm
    /// Commit statuses for the forge, once `triggers.forge.statuses` is read.
    let forge: ForgeSlot
    /// The status page's live view of each pass.
    let events: LiveEvents
    let logger: Logger

    func run() async throws {
        for await _ in queue.wakeups.cancelOnGracefulShutdown() {
            let batch = await queue.drain()
            guard !batch.isEmpty else { continue }
            await pass(serving: batch)
            reconcile_heap_trim()
        }
        await alarm.cancel()
        logger.info("reconcile loop stopped")
    }

    func pass(serving batch: [Trigger]) async {
        await updateSource()
        guard let directory = await source.passDirectory() else {
            logger.warning("no commit has loaded yet; nothing to apply", metadata: ["source": .string(source.label)])
            return
        }
        await state.markCheckoutReady()
        var names: [String] = []
        for trigger in batch where !names.contains(trigger.name) { names.append(trigger.name) }
        var request = ApplyRequest(trigger: batch[0].kind, triggers: names,
                                   retry: batch.reduce(into: Set<String>()) { $0.formUnion($1.retry) },
                                   refresh: batch.reduce(into: Set<String>()) { $0.formUnion($1.refresh) })
        request.observer = events.observer
        logger.info("pass starts", metadata: ["pass.triggers": .string(names.joined(separator: ", "))])
        events.passStarted(triggers: names)
        do {
            let report = try await runner.apply(request, repository: directory)
            await state.record(report, triggers: names)
            events.passFinished(report.succeeded ? .success : .failure, commit: report.commit)
            await alarm.set(report.nextWindowOpens)
            logger.info("pass done", metadata: ["pass.succeeded": .stringConvertible(report.succeeded),
                                                "git.commit": .string(report.commit ?? "-")])
            let hook = hooks.onPass, reporter = await forge.reporter
            // Notifications run on their own: a slow or failing one never holds up the next pass.
            Task { await hook(report) }
            if let reporter { Task { await reporter.report(report) } }
        } catch {
            await state.recordPassError(error)
            events.passFinished(.error, commit: nil)
            logger.error("pass could not run", metadata: ["error": .string("\(error)")])
        }
    }

    func updateSource() async {
        do {
            switch try await source.update() {
            case .unchanged: break
            case .updated:
                await state.clearInvalid()
                await state.clearHeld()
            case .held(_, let held):
                await state.clearInvalid()
                // One notification per commit, as for a refused one: the daemon polls far more often than people push.
                guard await state.recordHeld(held) else { return }
                let hook = hooks.onInvalidCommit
                Task { await hook(held) }
            case .invalid(let invalid):
                guard await state.recordInvalid(invalid) else { return }
                logger.error("commit refused: it does not load", metadata: [
                    "git.commit": .string(invalid.commit ?? "-"), "errors": .string(invalid.errors.joined(separator: "\n")),
                ])
                let hook = hooks.onInvalidCommit, reporter = await forge.reporter, hosts = await state.knownHosts
                Task { await hook(invalid) }
                if let reporter { Task { await reporter.report(invalid, hosts: hosts) } }
            }
        } catch {
            logger.error("could not update the checkout; passing on the last good one",
                         metadata: ["source": .string(source.label), "error": .string("\(error)")])
        }
    }
}
