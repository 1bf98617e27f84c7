import Foundation

/// A small forge on 127.0.0.1 (python3) that answers the two calls reconcile makes, as GitHub and Gitea/Forgejo
/// document them: the branch head (`/repos/o/r/commits/BRANCH` as the bare sha, `/api/v1/repos/o/r/branches/BRANCH`
/// as JSON) with an ETag and 304 on `If-None-Match`, and `POST …/statuses/SHA`. The test moves the head, adds
/// rate-limit headers or breaks the status endpoint through files; every request is logged as one JSON line.
final class FakeForge: @unchecked Sendable {
    private let process: Process
    let port: Int
    let directory: URL

    static let script = #"""
    import http.server, json, os, sys
    d = sys.argv[1]
    def read(name, default=''):
        try:
            with open(os.path.join(d, name)) as f: return f.read().strip()
        except FileNotFoundError: return default
    class H(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'
        def log(self, status, body=''):
            entry = {'method': self.command, 'path': self.path, 'status': status, 'body': body,
                     'inm': self.headers.get('If-None-Match'), 'auth': self.headers.get('Authorization'),
                     'accept': self.headers.get('Accept')}
            with open(os.path.join(d, 'requests.log'), 'a') as f: f.write(json.dumps(entry) + '\n')
        def answer(self, status, body=b'', headers={}):
            self.send_response(status)
            for k, v in headers.items(): self.send_header(k, v)
            self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
        def do_GET(self):
            sha = read('head')
            extra = json.loads(read('headers.json', '{}'))
            forced = int(read('get_status', '0'))
            if forced:
                self.log(forced); return self.answer(forced, b'{"message":"slow down"}', extra)
            etag = '"' + sha + '"'
            headers = dict(extra, ETag=etag)
            if self.headers.get('If-None-Match') == etag:
                self.log(304); return self.answer(304, b'', headers)
            if '/branches/' in self.path:
                body = json.dumps({'name': self.path.rsplit('/', 1)[1], 'commit': {'id': sha}}).encode()
            else:
                body = sha.encode()
            self.log(200); self.answer(200, body, headers)
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get('Content-Length', 0))).decode()
            status = int(read('status_code', '201'))
            self.log(status, body); self.answer(status, b'{}')
        def log_message(self, *a): pass
    s = http.server.ThreadingHTTPServer(('127.0.0.1', 0), H)
    print(s.server_address[1], flush=True)
    s.serve_forever()
    """#

    /// One request as the forge saw it.
    struct Request: Decodable {
        var method: String
        var path: String
        var status: Int
        var body: String
        var inm: String?
        var auth: String?
        var accept: String?
    }

    /// Starts on a thread of its own: waiting for Python's port line blocks.
    static func start(head: String) async throws -> FakeForge {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try FakeForge(head: head) }) }.start()
        }
    }

    private init(head: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("forge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try head.write(to: directory.appendingPathComponent("head"), atomically: true, encoding: .utf8)
        (process, port) = try PythonServer.launch(script: Self.script, arguments: [directory.path], name: "the fake forge")
    }

    var api: String { "http://127.0.0.1:\(port)" }

    /// Moves the branch head (a push).
    func setHead(_ sha: String) throws { try set("head", sha) }
    /// Extra headers on every GET answer (rate-limit headers).
    func setHeaders(_ headers: [String: String]) throws {
        try set("headers.json", String(decoding: try JSONSerialization.data(withJSONObject: headers), as: UTF8.self))
    }
    /// GETs answer this status instead (0: normal).
    func setGetStatus(_ status: Int) throws { try set("get_status", String(status)) }
    /// What `POST …/statuses/…` answers.
    func setStatusCode(_ status: Int) throws { try set("status_code", String(status)) }

    private func set(_ name: String, _ value: String) throws {
        try value.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    var requests: [Request] {
        let text = (try? String(contentsOf: directory.appendingPathComponent("requests.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
    }

    /// The commit statuses posted so far: path, token and the JSON body.
    var statuses: [(path: String, auth: String?, status: Int, body: [String: String])] {
        requests.filter { $0.method == "POST" }.map { request in
            (request.path, request.auth, request.status,
             (try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: String]) ?? [:])
        }
    }

    func stop() {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: directory)
    }
}
