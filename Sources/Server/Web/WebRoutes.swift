import Controller
import FoundationEssentials
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationEssentialsCompat
import ServiceLifecycle
import Store

/// The status page: `GET /` (one HTML document from the binary), the JSON it reads, its live event stream and
/// its three actions. Reads follow `StatusAccess` (open on loopback); actions need a session and its CSRF token.
struct WebRoutes: Sendable {
    let state: DaemonState
    let store: Store?
    let events: LiveEvents
    let sessions: WebSessions
    let access: StatusAccess
    let actions: WebActions
    let containers: LiveContainerCache

    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in
            var response = HTTPRoutes.text(StatusPage.html, status: .ok, type: "text/html; charset=utf-8")
            response.headers[.contentSecurityPolicy] = StatusPage.contentSecurityPolicy
            response.headers[.cacheControl] = "no-store"
            return response
        }
        router.get("/status.js") { _, _ in
            HTTPRoutes.text(StatusPage.script, status: .ok, type: "text/javascript; charset=utf-8")
        }
        router.get("/status.css") { _, _ in HTTPRoutes.text(StatusPage.style, status: .ok, type: "text/css; charset=utf-8") }
        router.get("/api/session") { request, _ in
            let session = await sessions.session(cookieHeader: request.headers[.cookie])
            return try HTTPRoutes.json(SessionInfo(signedIn: session != nil, csrf: session?.csrf,
                                                   canSignIn: access.token != nil,
                                                   readable: await readable(request)))
        }
        addSignIn(to: router)
        addActions(to: router)
        router.get("/api/stack") { request, _ in
            if let refusal = await refuseRead(request) { return refusal }
            let query = request.uri.queryParameters
            guard let host = query["host"].map(String.init), let stack = query["stack"].map(String.init) else {
                return HTTPRoutes.text("name the stack: /api/stack?host=<host>&stack=<stack>\n", status: .badRequest)
            }
            let revisions = try await store?.revisions(host: host, stack: stack, limit: 30) ?? []
            let report = await state.stackReport(host: host, stack: stack)
            return try HTTPRoutes.json(StackPage.build(host: host, stack: stack, report: report, revisions: revisions))
        }
        // Asked of the one engine on request (cached briefly); the overview never reads engines.
        router.get("/api/containers") { request, _ in
            if let refusal = await refuseRead(request) { return refusal }
            let query = request.uri.queryParameters
            guard let host = query["host"].map(String.init), let stack = query["stack"].map(String.init) else {
                return HTTPRoutes.text("name the stack: /api/containers?host=<host>&stack=<stack>\n", status: .badRequest)
            }
            return try HTTPRoutes.json(await containers.containers(host: host, stack: stack))
        }
        router.get("/api/images") { request, _ in
            if let refusal = await refuseRead(request) { return refusal }
            return try HTTPRoutes.json(ImagesPage(images: try await store?.registryImages() ?? [],
                                                  registries: try await store?.registryHosts() ?? [],
                                                  updates: try await openUpdates()))
        }
        router.get("/api/events") { request, _ in
            if let refusal = await refuseRead(request) { return refusal }
            let stream = events.subscribe()
            let body = ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
                for await message in stream.cancelOnGracefulShutdown() {
                    try await writer.write(ByteBuffer(string: message))
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                            body: body)
        }
    }

    /// Reads are open with `--public-status`, and on loopback when no token is set (as `/api/status`); otherwise
    /// they need a session or the bearer token.
    func readable(_ request: Request) async -> Bool {
        if access.publicStatus { return true }
        if await sessions.session(cookieHeader: request.headers[.cookie]) != nil { return true }
        return access.status(authorization: request.headers[.authorization]) == .allowed
    }

    func refuseRead(_ request: Request) async -> Response? {
        await readable(request) ? nil : HTTPRoutes.text("sign in on the status page first (or send the API token)\n",
                                                       status: .unauthorized)
    }

    struct SessionInfo: Encodable {
        var signedIn: Bool
        var csrf: String?
        var canSignIn: Bool
        var readable: Bool
    }

    struct LoginBody: Decodable {
        var token: String
    }

    struct ImagesPage: Encodable {
        var images: [RegistryImageState]
        var registries: [RegistryHostState]
        /// Updates waiting for approval or only told about, and committed ones still to be pushed; newest first.
        var updates: [VersionUpdateRecord]
    }

    /// Read from the store, not the last round's list, so a skip shows at once.
    func openUpdates() async throws -> [VersionUpdateRecord] {
        guard let store else { return [] }
        return try await store.versionUpdates(states: [.pending, .notified, .committed])
            .filter { $0.state != .committed || $0.pushedAt == nil }
    }
}
