import Foundation

/// A loopback stand-in for an ntfy server's publish side (python3): it answers every POST like ntfy does and
/// keeps the path, every header and the body, so a test sees the message and its action buttons as a phone would.
final class NtfyReceiver: @unchecked Sendable {
    private let process: Process
    let port: Int
    let log: URL

    struct Message: Decodable {
        var path: String
        var headers: [String: String]
        var body: String
    }

    static let script = """
    import http.server, json, sys
    log = sys.argv[1]
    class H(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
            entry = {'path': self.path, 'headers': {k.lower(): v for k, v in self.headers.items()},
                     'body': body.decode('utf-8', 'replace')}
            with open(log, 'a') as f: f.write(json.dumps(entry) + '\\n')
            self.send_response(200); self.send_header('Content-Type', 'application/json'); self.end_headers()
            self.wfile.write(b'{"id":"m1","event":"message"}')
        def log_message(self, *a): pass
    s = http.server.HTTPServer(('127.0.0.1', 0), H)
    print(s.server_address[1], flush=True)
    s.serve_forever()
    """

    static func start() async throws -> NtfyReceiver {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try NtfyReceiver() }) }.start()
        }
    }

    private init() throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("ntfy-received-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        (process, port) = try PythonServer.launch(script: Self.script, arguments: [log.path], name: "ntfy receiver")
    }

    var messages: [Message] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Message.self, from: Data($0.utf8)) }
    }

    /// ntfy's short `Actions` form, `action, label, url, key=value…; …`, as (label, url, options) per button.
    static func buttons(_ header: String) -> [(label: String, url: String, options: [String])] {
        header.split(separator: ";").map { button in
            let parts = button.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return (parts.count > 1 ? parts[1] : "", parts.count > 2 ? parts[2] : "", Array(parts.dropFirst(3)))
        }
    }

    deinit {
        process.terminate()
        try? FileManager.default.removeItem(at: log)
    }
}
