import Foundation
import Testing
@testable import Server

/// The hostile-input suite's webhook half (issue 17): bad and replayed signatures, oversize, malformed and slow
/// bodies. Each ends with a refusal or a closed connection, and no pass beyond the start-up one runs.
@Suite(.serialized) struct HostileWebhookTests {
    static let secret = Secret("hostile-git-secret")
    static let imageSecret = Secret("hostile-image-secret")

    func start(_ log: PassLog) async throws -> RunningDaemon {
        let settings = DaemonSettings(interval: .seconds(3600), gitSecret: Self.secret, imageSecret: Self.imageSecret,
                                      registryToken: Secret("hostile-registry-token"), maxBodyBytes: 64 * 1024,
                                      idleTimeout: .seconds(1))
        let daemon = try await RunningDaemon.start(settings: settings,
                                                   source: LocalSource(directory: Fixtures.repo, environment: [:]),
                                                   runner: FakeRunner(log: log))
        #expect(await eventually { await log.count == 1 })
        return daemon
    }

    /// A signed generic request to `path`.
    func signed(_ body: Data, secret: Secret = Self.secret, at time: Date = Date()) -> [String: String] {
        ["X-Reconcile-Signature": SignatureCheck.genericSignatureHeader(body: body, secret: secret, at: time)]
    }

    @Test func signaturesReplaysAndBodiesAreRefusedAndNothingRuns() async throws {
        let log = PassLog()
        let daemon = try await start(log)
        let body = Data(#"{"reason":"hostile"}"#.utf8)
        let github = try Fixtures.hook("github-push.json")
        let deep = Data(String(repeating: "[", count: 60_000).utf8)
        let cases: [(String, String, [String: String], Data, Int)] = [
            ("no signature", "/api/trigger", [:], body, 401),
            ("wrong secret", "/api/trigger", signed(body, secret: Secret("guess")), body, 401),
            ("signature of another body", "/api/trigger", signed(Data("{}".utf8)), body, 401),
            ("stale timestamp", "/api/trigger", signed(body, at: Date().addingTimeInterval(-3600)), body, 401),
            ("future timestamp", "/api/trigger", signed(body, at: Date().addingTimeInterval(3600)), body, 401),
            ("timestamp not a number", "/api/trigger", ["X-Reconcile-Signature": "t=soon,sha256=00"], body, 401),
            ("old form without timestamp", "/api/trigger",
             ["X-Reconcile-Signature": SignatureCheck.signatureHeader(body: body, secret: Self.secret)], body, 401),
            ("GitHub header, wrong key", "/hooks/git",
             ["X-Hub-Signature-256": SignatureCheck.signatureHeader(body: github, secret: Secret("guess")),
              "X-GitHub-Delivery": "h-1"], github, 401),
            ("oversize body", "/hooks/git", signed(Data(count: 70_000)), Data(count: 70_000), 413),
            ("deeply nested JSON, signed", "/hooks/image", signed(deep, secret: Self.imageSecret), deep, 400),
            ("invalid UTF-8 and NUL, signed", "/hooks/image", signed(Data([0xFF, 0, 0xFE]), secret: Self.imageSecret),
             Data([0xFF, 0, 0xFE]), 400),
        ]
        for (name, path, headers, payload, status) in cases {
            let answer = try await daemon.request("POST", path, headers: headers, body: payload)
            #expect(answer.status == status, "\(name): \(answer.status) \(answer.body)")
        }
        // A good request once, then the same bytes again: refused although they are correctly signed.
        let good = signed(body)
        #expect(try await daemon.request("POST", "/api/trigger", headers: good, body: body).status == 202)
        #expect(await eventually { await log.count == 2 })
        #expect(try await daemon.request("POST", "/api/trigger", headers: good, body: body).status == 409)
        let delivery = ["X-Hub-Signature-256": SignatureCheck.signatureHeader(body: github, secret: Self.secret),
                        "X-GitHub-Delivery": "replayed-delivery", "X-GitHub-Event": "push"]
        #expect(try await daemon.request("POST", "/hooks/git", headers: delivery, body: github).status == 202)
        #expect(await eventually { await log.count == 3 })
        #expect(try await daemon.request("POST", "/hooks/git", headers: delivery, body: github).status == 409)
        // A registry's duplicate is acknowledged (it would retry a refusal for ever) and does nothing.
        let notice = Data(#"{"events":[{"id":"e-1","action":"push","target":{"repository":"lab/none","tag":"1"}}]}"#.utf8)
        let bearer = ["Authorization": "Bearer hostile-registry-token"]
        #expect(try await daemon.request("POST", "/hooks/image", headers: bearer, body: notice).status == 202)
        let duplicate = try await daemon.request("POST", "/hooks/image", headers: bearer, body: notice)
        #expect(duplicate.status == 202 && duplicate.body.contains("already seen"), "\(duplicate.body)")
        try await Task.sleep(for: .milliseconds(300))
        #expect(await log.count == 3, "only the two good requests ran a pass")
        await daemon.stop()
    }

    /// A client that sends half a request and then nothing is cut off by the idle timeout, not waited for.
    @Test func aStalledRequestIsClosedByTheServer() async throws {
        let log = PassLog()
        let daemon = try await start(log)
        let closed = try await SlowClient.sendHalfAndWait(port: daemon.port,
            "POST /api/trigger HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"reason\":")
        #expect(closed, "the server closed the stalled connection")
        let silent = try await SlowClient.sendHalfAndWait(port: daemon.port, "")
        #expect(silent, "a connection that never speaks is closed too")
        #expect(await log.count == 1)
        await daemon.stop()
    }
}

/// Raw TCP to the daemon: writes `text` and waits (off the cooperative pool, at most 30 s) for the server to close.
enum SlowClient {
    static func sendHalfAndWait(port: Int, _ text: String) async throws -> Bool {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try blocking(port: port, text) }) }.start()
        }
    }

    private static func blocking(port: Int, _ text: String) throws -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        var limit = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        if !text.isEmpty { _ = text.withCString { send(fd, $0, strlen($0), 0) } }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 { continue }  // an error page is fine; what matters is that the connection ends
            return count == 0 || errno == ECONNRESET  // closed; EAGAIN would mean our 30 s ran out first
        }
    }
}
