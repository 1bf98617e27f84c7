import FoundationEssentials
import Logging

/// `POST /api/updates/<id>/<approve|skip>?expires=&sig=`: the buttons of an update notification. The link is its
/// own credential (signed with the webhook secret, expiring, good once), so it needs no API token.
struct UpdateLinkHandler: Sendable {
    let secret: Secret?
    let deliveries: DeliveryLog
    /// nil when the daemon has no store or registry polling is off: there are no updates to decide.
    let poll: VersionPoll?
    let logger: Logger
    var now: @Sendable () -> Date = { Date() }

    func follow(id: String, action: String, expires: String?, sig: String?) async -> WebhookResponse {
        guard let secret, let poll else {
            return .init(status: 404, message: "update links need --webhook-secret-file and registry polling",
                         result: "disabled")
        }
        switch UpdateLink.verify(id: id, action: action, expires: expires, sig: sig, secret: secret, now: now()) {
        case .failure(let refusal):
            return refuse(refusal)
        case .success(let link):
            let key = "update-link:" + link.signature
            guard await deliveries.firstSighting(key) else { return refuse(.replayed) }
            logger.info("update link followed", metadata: ["update.id": "\(link.id)", "update.action": "\(link.action)"])
            let answer = await poll.decide(link.id, link.action)
            // Nothing was decided (the repo did not load, git failed): the same button may be pressed again.
            if answer.status >= 500 { await deliveries.forget(key) }
            return answer
        }
    }

    private func refuse(_ refusal: UpdateLink.Refusal) -> WebhookResponse {
        logger.notice("update link refused", metadata: ["reason": "\(refusal)"])
        return WebhookResponse(status: refusal.status, message: refusal.description, result: "refused")
    }
}
