import Foundation

/// A tiny HTTP server on 127.0.0.1 (python3) that keeps every POST body, so a test can see a
/// notification arrive exactly as a real ntfy/Gotify/webhook receiver would.
final class PostCatcher: @unchecked Sendable {
    private let process: Process
    let port: Int
    let log: URL

    static let script = """
    import http.server, sys
    log = sys.argv[1]
    class H(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
            with open(log, 'ab') as f: f.write(self.path.encode() + b' ' + body + b'\\n')
            self.send_response(200); self.end_headers()
        def log_message(self, *a): pass
    s = http.server.HTTPServer(('127.0.0.1', 0), H)
    print(s.server_address[1], flush=True)
    s.serve_forever()
    """

    /// Starts on a thread of its own: waiting for Python's port line blocks.
    static func start() async throws -> PostCatcher {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try PostCatcher() }) }.start()
        }
    }

    private init() throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("posts-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        (process, port) = try PythonServer.launch(script: Self.script, arguments: [log.path], name: "post catcher")
    }

    /// Everything posted so far, one `path body` line each.
    var received: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    deinit {
        process.terminate()
        try? FileManager.default.removeItem(at: log)
    }

    struct CatcherError: Error, CustomStringConvertible { var description: String }
}
