import Basics
import FoundationEssentials
import HTTP

/// An ntfy topic's JSON stream (`GET /<topic>/json`, one JSON object per line): `message` events carry the signed
/// message in their `message` field; `open`, `keepalive` and the rest only show the stream is alive. After a
/// disconnect the stream resumes with `since=<last message id>`, so ntfy replays whatever was published meanwhile
/// (from its cache, 12 h by default).
struct NtfyChannel: TriggerChannel {
    let subscription: TriggerConfig.Subscription
    /// Where the stream resumes; starts at the daemon's start time, so a message sent while it started is not lost.
    let cursor = NtfyCursor(since: String(Int64(Date().timeIntervalSince1970)))
    /// ntfy sends a keepalive every 45 s; a stream silent this long is taken for dead and reopened.
    var idleLimit: Duration = .seconds(150)

    var endpoint: Endpoint {
        let https = subscription.url.scheme?.lowercased() == "https"
        return Endpoint(address: .tcp(host: subscription.url.host ?? "127.0.0.1",
                                      port: subscription.url.port ?? (https ? 443 : 80)),
                        tls: https ? TLSConfig() : nil)
    }

    func session(sink: MessageSink, connected: @escaping @Sendable () async -> Void) async throws {
        var headers = HTTP.HTTPHeaders()
        if let tokenFile = subscription.tokenFile {
            headers.add("Authorization", "Bearer " + String(decoding: try Secret.read(file: tokenFile).bytes, as: UTF8.self))
        }
        let since = await cursor.since
        let path = subscription.url.path + "/json?since=" + since.percentEncoded(keepingAlphanumericsAnd: "-._~")
        let request = HTTP.HTTPRequest(method: "GET", path: path, headers: headers)
        let (lines, sinkLines) = AsyncStream.makeStream(of: Data.self)
        let transport = CurlTransport(endpoint: endpoint)
        let idle = IdleWatch()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { sinkLines.finish() }
                let response = try await transport.stream(request) { line in
                    sinkLines.yield(line)
                    return .continue
                }
                guard (200..<300).contains(response.status) else {
                    throw NtfyError(status: response.status, body: String(decoding: response.body.prefix(200), as: UTF8.self))
                }
            }
            group.addTask {
                while await idle.quietFor(longerThan: idleLimit) == false { try await Task.sleep(for: .seconds(5)) }
                throw NtfyError(status: nil, body: "no keepalive for \(idleLimit)")
            }
            for await line in lines {
                await idle.heard()
                guard let event = JSONValue.parse(line), let kind = event["event"]?.string else { continue }
                switch kind {
                case "open":
                    await connected()
                case "message":
                    await sink.receive(Data((event["message"]?.string ?? "").utf8))
                    if let id = event["id"]?.string { await cursor.move(to: id) }
                default:
                    continue  // keepalive, poll_request
                }
            }
            // The stream ended: the transfer task says how (an HTTP error, or a clean end).
            try await group.next()
            group.cancelAll()
        }
    }
}

/// The `since=` a resumed stream starts from: the last message id seen.
actor NtfyCursor {
    private(set) var since: String
    init(since: String) { self.since = since }
    func move(to id: String) { since = id }
}

/// When the stream last said anything.
actor IdleWatch {
    private var last = ContinuousClock.now
    func heard() { last = .now }
    func quietFor(longerThan limit: Duration) -> Bool { ContinuousClock.now - last > limit }
}

/// An ntfy server that answered with an error, or a stream that went silent.
struct NtfyError: Error, Sendable, CustomStringConvertible {
    var status: Int?
    var body: String
    var description: String {
        guard let status else { return "ntfy stream: \(body)" }
        let hint = status == 401 || status == 403 ? ": check token_file (an access token that may read the topic)" : ""
        return "ntfy answered \(status)\(hint): \(body.trimmingWhitespaceAndNewlines())"
    }
}
