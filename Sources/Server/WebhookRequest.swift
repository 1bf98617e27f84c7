import FoundationEssentials

/// A webhook as the handlers see it: lower-cased header names and the raw body bytes the signature covers.
public struct WebhookRequest: Sendable {
    public var headers: [String: String]
    public var body: Data

    public init(headers: [String: String], body: Data) {
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }

    public subscript(_ name: String) -> String? { headers[name.lowercased()] }

    /// The sender's delivery id (GitHub, Gitea/Forgejo, GitLab, generic), used to refuse replays.
    public var deliveryID: String? {
        ["x-github-delivery", "x-gitea-delivery", "x-forgejo-delivery", "x-gitlab-event-uuid", "x-reconcile-delivery"]
            .lazy.compactMap { self.headers[$0] }.first { !$0.isEmpty }
    }
}

/// What a handler answers: a status and a short reason (never a secret).
public struct WebhookResponse: Sendable, Equatable {
    public var status: Int
    public var message: String
    /// The metrics label: `accepted`, `ignored`, `unauthorized`, `replayed`, `too_large`, `disabled`, `bad_request`.
    public var result: String

    public init(status: Int, message: String, result: String) {
        self.status = status
        self.message = message
        self.result = result
    }

    static func accepted(_ message: String) -> WebhookResponse { .init(status: 202, message: message, result: "accepted") }
    static func ignored(_ message: String) -> WebhookResponse { .init(status: 202, message: message, result: "ignored") }
    static let unauthorized = WebhookResponse(status: 401, message: "signature missing or wrong", result: "unauthorized")
    static let disabled = WebhookResponse(status: 404, message: "this hook has no secret configured", result: "disabled")
    static let replayed = WebhookResponse(status: 409, message: "delivery already seen", result: "replayed")
    /// A duplicate from a sender that would retry a refusal: acknowledged, counted as a replay, ignored.
    static let replayedQuietly = WebhookResponse(status: 202, message: "delivery already seen; ignored", result: "replayed")
    /// A signed message that did not count: 401 for who sent it, 409 for a replay, 400 for the wrong shape.
    static func refused(_ refusal: MessageRefusal) -> WebhookResponse {
        let status = refusal == .replayed ? 409 : refusal == .malformed ? 400 : 401
        return WebhookResponse(status: status, message: refusal.description, result: refusal.rawValue)
    }
    static let tooLarge = WebhookResponse(status: 413, message: "body too large", result: "too_large")
    static func badRequest(_ message: String) -> WebhookResponse {
        .init(status: 400, message: message, result: "bad_request")
    }
}
