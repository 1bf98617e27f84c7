import FoundationEssentials
import Hummingbird
import NIOCore
import NIOFoundationEssentialsCompat

/// The daemon's HTTP surface; handlers stay free of Hummingbird so they are tested directly.
enum HTTPRoutes {
    static func router(handler: WebhookHandler, state: DaemonState, maxBodyBytes: Int,
                       access: StatusAccess, web: WebRoutes? = nil,
                       updateLinks: UpdateLinkHandler? = nil) -> Router<BasicRequestContext> {
        let router = Router()
        web?.add(to: router)
        router.get("/healthz") { _, _ in text("ok\n", status: .ok) }
        router.get("/metrics") { request, _ in
            if let refusal = refuse(access.metrics(authorization: request.headers[.authorization])) { return refusal }
            return text(await state.metricsText(), status: .ok, type: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/api/status") { request, _ in
            // The status page's session (or --public-status) opens it as the page's other reads.
            if let web, await web.readable(request) { return json(data: try await state.statusJSON()) }
            if let refusal = refuse(access.status(authorization: request.headers[.authorization])) { return refusal }
            return json(data: try await state.statusJSON())
        }
        let hooks: [(String, String, @Sendable (WebhookHandler, WebhookRequest) async -> WebhookResponse)] = [
            ("/hooks/git", "git", { await $0.git($1) }),
            ("/hooks/image", "image", { await $0.image($1) }),
            ("/api/trigger", "trigger", { await $0.apiTrigger($1) }),
            ("/hooks/message", "message", { await $0.message($1) }),
        ]
        for (path, endpoint, handle) in hooks {
            router.post(RouterPath(path)) { request, _ in
                let body: ByteBuffer
                do {
                    body = try await request.body.collect(upTo: maxBodyBytes)
                } catch is NIOTooManyBytesError {
                    return respond(await handler.finish(endpoint, .tooLarge))
                }
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName] = field.value }
                return respond(await handle(handler, WebhookRequest(headers: headers, body: Data(buffer: body))))
            }
        }
        if let updateLinks {
            // The link is its own credential (signed, expiring, good once): no API token, no body.
            router.post("/api/updates/:id/:action") { request, context in
                let query = request.uri.queryParameters
                return respond(await updateLinks.follow(id: context.parameters.get("id") ?? "",
                                                        action: context.parameters.get("action") ?? "",
                                                        expires: query.get("expires"), sig: query.get("sig")))
            }
        }
        return router
    }

    /// The answer to a request `StatusAccess` did not allow; nil when it did.
    static func refuse(_ verdict: StatusAccess.Verdict) -> Response? {
        switch verdict {
        case .allowed:
            return nil
        case .unauthorized:
            var response = text("send the daemon's API token as `Authorization: Bearer <token>`\n", status: .unauthorized)
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        case .notConfigured:
            return text("the daemon listens beyond loopback: start it with --api-token-file to serve this\n",
                        status: .forbidden)
        }
    }

    static func respond(_ response: WebhookResponse) -> Response {
        text(response.message + "\n", status: HTTPResponse.Status(code: response.status))
    }

    /// `value` as pretty JSON with ISO 8601 dates, as `/api/status` has always answered.
    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return json(data: try encoder.encode(value) + Data("\n".utf8))
    }

    static func json(data: Data) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(data: data)))
    }

    static func text(_ body: String, status: HTTPResponse.Status, type: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
