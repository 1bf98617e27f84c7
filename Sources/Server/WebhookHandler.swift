import Basics
import FoundationEssentials
import Logging
import Spec

/// The webhook and trigger endpoints, free of HTTP-server types: size, secret, signature, replay, then the trigger.
public struct WebhookHandler: Sendable {
    let settings: DaemonSettings
    /// Pushes to other branches are ignored; nil accepts every branch (a local checkout).
    let branch: String?
    let queue: TriggerQueue
    let state: DaemonState
    let deliveries: DeliveryLog
    /// The repository of the last good checkout, to see which services use a pushed image.
    let repository: @Sendable () async -> Repository?
    let logger: Logger
    /// Sees every image notice (before matching), so the registry watcher learns digests from webhooks.
    var onImageNotice: (@Sendable (ImageNotice) async -> Void)?
    /// The clock generic signatures' timestamps are judged by.
    var now: @Sendable () -> Date = { Date() }

    /// `POST /hooks/git`.
    public func git(_ request: WebhookRequest) async -> WebhookResponse {
        await finish("git", screen(request, enabled: settings.gitSecret != nil) {
            guard let secret = settings.gitSecret else { return nil }
            return SignatureCheck.gitSender(request, secret: secret, now: now())
        } then: { sender, delivery in
            if request["x-github-event"] == "ping" || request["x-gitea-event"] == "ping" { return .ignored("pong") }
            if let ref = JSONValue.parse(request.body)?["ref"]?.string, let branch, ref != "refs/heads/\(branch)" {
                logger.info("push to another branch ignored", metadata: ["git.ref": .string(ref)])
                return .ignored("push to \(ref) ignored; following refs/heads/\(branch)")
            }
            await queue.submit(Trigger(kind: "webhook", detail: "git:\(delivery ?? sender)"))
            return .accepted("pass queued")
        })
    }

    /// `POST /hooks/image`.
    public func image(_ request: WebhookRequest) async -> WebhookResponse {
        let enabled = settings.imageSecret != nil || settings.registryToken != nil
        return await finish("image", screen(request, enabled: enabled) {
            SignatureCheck.imageSender(request, secret: settings.imageSecret, registryToken: settings.registryToken, now: now())
        } then: { _, _ in
            guard let notices = ImageNotice.parse(request.body) else {
                return .badRequest("expected a registry notification, a GitHub package event or {image, tag, digest}")
            }
            guard let repository = await repository() else { return .ignored("no valid checkout yet") }
            var queued: [String] = []
            for notice in notices {
                await onImageNotice?(notice)
                let references = ImageMatcher.references(for: notice, in: repository)
                guard !references.isEmpty else {
                    logger.info("image not used by any managed service", metadata: ["image": .string(notice.reference)])
                    continue
                }
                await queue.submit(Trigger(kind: "image", detail: notice.reference, refresh: references))
                queued.append(notice.reference)
            }
            return queued.isEmpty ? .ignored("no managed service uses these images")
                : .accepted("pass queued for \(queued.joined(separator: ", "))")
        })
    }

    /// `POST /api/trigger`: what `reconcile trigger` and the post-receive hook send, signed with the git secret.
    public func apiTrigger(_ request: WebhookRequest) async -> WebhookResponse {
        await finish("trigger", screen(request, enabled: settings.gitSecret != nil) {
            guard let secret = settings.gitSecret else { return nil }
            return SignatureCheck.gitSender(request, secret: secret, now: now())
        } then: { _, _ in
            let reason = JSONValue.parse(request.body)?["reason"]?.string.flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
            await queue.submit(Trigger(kind: "api", detail: reason))
            return .accepted("pass queued")
        })
    }

    /// The checks every endpoint shares, in an order that does no work for a stranger: size, enabled, signature, replay.
    func screen(_ request: WebhookRequest, enabled: Bool, verify: () -> VerifiedSender?,
                then accept: (_ sender: String, _ delivery: String?) async -> WebhookResponse) async -> WebhookResponse {
        guard request.body.count <= settings.maxBodyBytes else { return .tooLarge }
        guard enabled else { return .disabled }
        guard let verified = verify() else { return .unauthorized }
        // Every accepted request is remembered, by the sender's delivery id or by what its signature covers.
        guard await deliveries.firstSighting(verified.replayKey) else {
            logger.info("replayed delivery refused", metadata: ["webhook.delivery": .string(verified.replayKey)])
            // A registry retries every non-2xx answer for ever: tell it the duplicate landed, and do nothing.
            return verified.sender == "registry" ? .replayedQuietly : .replayed
        }
        return await accept(verified.sender, request.deliveryID)
    }

    /// Counts and logs an answer; the HTTP layer calls it too for bodies it refused before the handler saw them.
    func finish(_ endpoint: String, _ response: WebhookResponse) async -> WebhookResponse {
        await state.recordWebhook(endpoint: endpoint, result: response.result)
        if response.status >= 400 {
            logger.notice("webhook refused", metadata: ["webhook.endpoint": .string(endpoint),
                                                        "http.status": .stringConvertible(response.status)])
        }
        return response
    }
}
