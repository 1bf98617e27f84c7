import Basics
import FoundationEssentials
import Logging
import Spec
import Store

/// The webhook and trigger endpoints, free of HTTP-server types: size, secret, signature, replay, then the trigger.
public struct WebhookHandler: Sendable {
    let settings: DaemonSettings
    /// Pushes to other branches are ignored; nil accepts every branch (a local checkout).
    let branch: String?
    let queue: TriggerQueue
    let state: DaemonState
    let deliveries: DeliveryLog
    /// Freshness and replays of generic signatures and signed messages, shared with the subscriptions.
    let replays: ReplayGuard
    /// What an authentic push or message turns into; shared with the subscriptions.
    let dispatch: TriggerDispatch
    /// Checks `/hooks/message` bodies; nil (no `triggers.secret_file` yet) answers 404.
    let messages: @Sendable () async -> MessageVerifier?
    let logger: Logger
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
            await queue.submit(Trigger(kind: .webhook, detail: "git:\(delivery ?? sender)"))
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
            return Self.response(await dispatch.images(notices, kind: .image))
        })
    }

    /// `POST /hooks/message`: the signed message of `reconcile sign`, as ntfy and MQTT carry it.
    public func message(_ request: WebhookRequest) async -> WebhookResponse {
        guard request.body.count <= settings.maxBodyBytes else { return await finish("message", .tooLarge) }
        guard let verifier = await messages() else { return await finish("message", .disabled) }
        switch await verifier.verify(request.body) {
        case .failure(let refusal):
            return await finish("message", WebhookResponse.refused(refusal))
        case .success(let message):
            return await finish("message", Self.response(await dispatch.deliver(message, from: .webhook)))
        }
    }

    static func response(_ outcome: TriggerDispatch.Outcome) -> WebhookResponse {
        switch outcome {
        case .queued(let text): return .accepted(text)
        case .ignored(let text): return .ignored(text)
        }
    }

    /// `POST /api/trigger`: what `reconcile trigger` and the post-receive hook send, signed with the git secret.
    public func apiTrigger(_ request: WebhookRequest) async -> WebhookResponse {
        await finish("trigger", screen(request, enabled: settings.gitSecret != nil) {
            guard let secret = settings.gitSecret else { return nil }
            return SignatureCheck.gitSender(request, secret: secret, now: now())
        } then: { _, _ in
            let reason = JSONValue.parse(request.body)?["reason"]?.string.flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
            await queue.submit(Trigger(kind: .api, detail: reason))
            return .accepted("pass queued")
        })
    }

    /// The checks every endpoint shares, in an order that does no work for a stranger: size, enabled, signature, replay.
    func screen(_ request: WebhookRequest, enabled: Bool, verify: () -> VerifiedSender?,
                then accept: (_ sender: String, _ delivery: String?) async -> WebhookResponse) async -> WebhookResponse {
        guard request.body.count <= settings.maxBodyBytes else { return .tooLarge }
        guard enabled else { return .disabled }
        guard let verified = verify() else { return .unauthorized }
        // A timestamped signature is judged where signed messages are; the rest by the sender's delivery id.
        if let timestamp = verified.timestamp {
            if let refusal = await replays.admit(id: verified.replayKey, timestamp: timestamp, now: now()) {
                return refusal == .stale ? .unauthorized : .replayed
            }
            return await accept(verified.sender, request.deliveryID)
        }
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
