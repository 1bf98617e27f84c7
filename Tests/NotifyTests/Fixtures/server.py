#!/usr/bin/env python3
"""Records every request it gets, for NotifyTests.

Usage: server.py [tls CERT KEY] -> listens on 127.0.0.1:<ephemeral> (HTTPS with CERT/KEY), prints "READY <port>",
exits when stdin closes.
GET /__requests returns the recorded requests as JSON [{method, path, headers, body}].
A request to a path starting with /status/<code> is answered with that code; anything else gets 200.
"""
import json, socketserver, ssl, sys, threading
from http.server import BaseHTTPRequestHandler

recorded = []
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, code, body, kind="text/plain"):
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/__requests":
            with lock:
                body = json.dumps(recorded).encode()
            self.reply(200, body, "application/json")
        else:
            self.reply(404, b"not found\n")

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with lock:
            recorded.append({
                "method": "POST",
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body.decode("utf-8", "replace"),
            })
        if self.path.startswith("/status/"):
            code = int(self.path.split("/")[2])
            self.reply(code, b"refused by the test server\n")
        else:
            self.reply(200, b'{"ok":true}\n', "application/json")


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


server = Server(("127.0.0.1", 0), Handler)
if len(sys.argv) == 4 and sys.argv[1] == "tls":
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[2], sys.argv[3])
    server.socket = context.wrap_socket(server.socket, server_side=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
print("READY %d" % server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
