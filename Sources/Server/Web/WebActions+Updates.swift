import FoundationEssentials
import Logging
import Store

extension WebActions {
    /// States an update can still be decided in: skipping a committed one would leave its commit behind.
    static let skippable: Set<VersionUpdateRecord.State> = [.pending, .notified]

    /// "Skip" on the images page: as `reconcile updates skip ID`, the update is never proposed again.
    func skipUpdate(_ body: Body, store: Store?) async -> WebhookResponse {
        guard let id = body.update else {
            return WebhookResponse(status: 400, message: #"name the update: {"update": <id>}"#, result: "web")
        }
        guard let store else {
            return WebhookResponse(status: 409, message: "this daemon keeps no state directory: no updates to skip",
                                   result: "web")
        }
        do {
            guard let record = try await store.versionUpdate(id: id), Self.skippable.contains(record.state) else {
                return WebhookResponse(status: 404, message: "no open update \(id); the images page lists them",
                                       result: "web")
            }
            try await store.updateVersionUpdate(id: id, state: .skipped)
            return WebhookResponse(status: 200, message: "skipped update \(id) (\(record.image) \(record.candidateTag)): "
                                   + "it is not proposed again", result: "web")
        } catch {
            logger.error("skipping a version update failed", metadata: ["update.id": "\(id)", "error": "\(error)"])
            return WebhookResponse(status: 500, message: "could not record the skip: \(error)", result: "web")
        }
    }
}
