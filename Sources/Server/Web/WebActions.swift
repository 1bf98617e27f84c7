import Controller
import FoundationEssentials
import Logging
import Store

/// What the status page's buttons do, once `WebSessions` allowed them: "sync now", "retry held back" and
/// "roll back to this revision", and "skip" of a version update. Each only queues work for the reconcile loop or the controller's own lock.
struct WebActions: Sendable {
    let queue: TriggerQueue
    let source: any RepositorySource
    let runner: any PassRunner
    let events: LiveEvents
    let logger: Logger

    struct Body: Decodable {
        var stack: String?
        var host: String?
        var revision: Int64?
        /// A version update's id (`skip-update`).
        var update: Int64?

        init(stack: String? = nil, host: String? = nil, revision: Int64? = nil, update: Int64? = nil) {
            self.stack = stack
            self.host = host
            self.revision = revision
            self.update = update
        }
    }

    func sync() async -> WebhookResponse {
        await queue.submit(Trigger(kind: .web, detail: "sync"))
        return WebhookResponse(status: 202, message: "a pass is queued", result: "web")
    }

    func retry(_ body: Body) async -> WebhookResponse {
        guard let stack = body.stack, !stack.isEmpty else {
            return WebhookResponse(status: 400, message: "name the stack: {\"stack\": \"<name>\"}", result: "web")
        }
        await queue.submit(Trigger(kind: .web, detail: "retry:\(stack)", retry: [stack]))
        return WebhookResponse(status: 202, message: "a pass is queued that tries \(stack)'s held-back config again",
                               result: "web")
    }

    static let rollbackUsage = #"name the stack and revision: {"stack": …, "host": …, "revision": …}"#

    /// Runs the rollback on its own task (the controller waits for a running pass first), then a pass, so the
    /// status shows what it left; its steps reach the page live like a pass's.
    func rollback(_ body: Body) async -> WebhookResponse {
        guard let stack = body.stack, let revision = body.revision else {
            return WebhookResponse(status: 400, message: Self.rollbackUsage, result: "web")
        }
        guard let directory = await source.passDirectory() else {
            return WebhookResponse(status: 409, message: "no commit has loaded yet: nothing to roll back", result: "web")
        }
        let request = RollbackRequest(stack: stack, host: body.host, revision: revision)
        let runner = runner, queue = queue, events = events, logger = logger
        Task {
            events.passStarted(triggers: ["web:rollback:\(stack)@\(revision)"])
            do {
                let report = try await runner.rollback(request, repository: directory, observer: events.observer)
                events.passFinished(PassEnd(report), commit: nil)
            } catch {
                logger.error("rollback from the status page failed", metadata: ["stack.name": .string(stack),
                                                                                 "error": .string("\(error)")])
                events.passFinished(.rollbackError(reason: "\(error)"), commit: nil)
            }
            await queue.submit(Trigger(kind: .web, detail: "after-rollback:\(stack)"))
        }
        return WebhookResponse(status: 202, message: "rolling \(stack) back to revision \(revision)", result: "web")
    }
}
