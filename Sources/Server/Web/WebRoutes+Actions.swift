import FoundationEssentials
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationEssentialsCompat

extension WebRoutes {
    /// Bodies of sign-in and actions are a few fields of JSON.
    static let maxBody = 4096

    /// `POST /api/login {"token": …}` sets the session cookie; `POST /api/logout` clears it.
    func addSignIn(to router: Router<BasicRequestContext>) {
        router.post("/api/login") { request, _ in
            guard let body: LoginBody = await Self.decode(request) else {
                return HTTPRoutes.text("send {\"token\": \"<the daemon's API token>\"}\n", status: .badRequest)
            }
            guard access.token != nil else {
                return HTTPRoutes.text("no sign-in is configured: start the daemon with --api-token-file\n",
                                       status: .forbidden)
            }
            guard let session = await sessions.login(token: body.token) else {
                return HTTPRoutes.text("wrong token\n", status: .unauthorized)
            }
            var response = try HTTPRoutes.json(SessionInfo(signedIn: true, csrf: session.csrf, canSignIn: true,
                                                           readable: true))
            response.headers[.setCookie] = WebSessions.setCookie(session, secure: Self.behindTLS(request),
                                                                 lifetime: sessions.lifetime)
            return response
        }
        router.post("/api/logout") { request, _ in
            await sessions.logout(cookieHeader: request.headers[.cookie])
            var response = HTTPRoutes.text("signed out\n", status: .ok)
            response.headers[.setCookie] = WebSessions.clearCookie(secure: Self.behindTLS(request))
            return response
        }
    }

    /// `POST /api/actions/{sync,retry,rollback,skip-update}`: refused (403) without a live session and its CSRF token.
    func addActions(to router: Router<BasicRequestContext>) {
        let handlers: [(String, @Sendable (WebActions, WebActions.Body) async -> WebhookResponse)] = [
            ("sync", { actions, _ in await actions.sync() }),
            ("retry", { actions, body in await actions.retry(body) }),
            ("rollback", { actions, body in await actions.rollback(body) }),
            ("skip-update", { [store] actions, body in await actions.skipUpdate(body, store: store) }),
        ]
        for (name, handle) in handlers {
            router.post(RouterPath("/api/actions/\(name)")) { request, _ in
                guard await sessions.authorizesAction(cookieHeader: request.headers[.cookie],
                                                      csrf: request.headers[Self.csrfHeader]) else {
                    return HTTPRoutes.text("sign in on the status page first: actions need a session and its CSRF token\n",
                                           status: .forbidden)
                }
                guard let body = await Self.actionBody(request) else {
                    return HTTPRoutes.text("the action's body is not JSON of {stack, host, revision, update}\n",
                                           status: .badRequest)
                }
                return HTTPRoutes.respond(await handle(actions, body))
            }
        }
    }

    /// An action's body: none is an empty one ("sync now" needs nothing); nil when it is too large or does not
    /// decode, so a malformed request is refused rather than run with its fields missing.
    static func actionBody(_ request: Request) async -> WebActions.Body? {
        guard let buffer = try? await request.body.collect(upTo: maxBody) else { return nil }
        guard buffer.readableBytes > 0 else { return WebActions.Body() }
        return try? JSONDecoder().decode(WebActions.Body.self, from: Data(buffer: buffer))
    }

    /// The request's JSON body, or nil when it is missing, too large or not that shape.
    static func decode<Body: Decodable>(_ request: Request) async -> Body? {
        guard let buffer = try? await request.body.collect(upTo: maxBody), buffer.readableBytes > 0 else { return nil }
        return try? JSONDecoder().decode(Body.self, from: Data(buffer: buffer))
    }

    /// A TLS-terminating proxy says so in `X-Forwarded-Proto`; the cookie is then `Secure`.
    static func behindTLS(_ request: Request) -> Bool {
        request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}
