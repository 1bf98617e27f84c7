#!/usr/bin/env python3
"""Tiny HTTP/1.1 test server for HTTPTests.

Usage: server.py tcp            -> listens on 127.0.0.1:<ephemeral>
       server.py unix PATH      -> listens on a unix socket
       server.py blackhole      -> a 127.0.0.1 port whose accept queue is full,
                                   so new connects hang (for connect timeouts)
Prints "READY <port-or-path>" once listening. Exits when stdin closes.
Routes: /hello /echo /stream?n=&delay=&hold= /slow?secs= /status/<code> /connections
"""
import os, socket, socketserver, sys, threading, time
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlparse, parse_qs

connections = 0
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        global connections
        with lock:
            connections += 1
        super().setup()

    def log_message(self, *args):
        pass

    def address_string(self):
        return "test"

    def reply(self, code, body, extra=()):
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def route(self):
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        body = self.read_body()
        if url.path == "/hello":
            extra = [("X-Multi", "one"), ("X-Multi", "two")]
            if self.headers.get("X-Echo"):
                extra.append(("X-Echoed", self.headers.get("X-Echo")))
            self.reply(200, b"hello", extra)
        elif url.path == "/echo":
            self.reply(200, self.command.encode() + b" " + body,
                       [("X-Body-Length", str(len(body)))])
        elif url.path == "/stream":
            self.stream(int(query.get("n", "3")), float(query.get("delay", "0")), query.get("hold") == "1")
        elif url.path == "/slow":
            time.sleep(float(query.get("secs", "5")))
            self.reply(200, b"late")
        elif url.path.startswith("/status/"):
            code = int(url.path.split("/")[2])
            self.reply(code, b'{"message":"status %d on purpose"}' % code,
                       [("Content-Type", "application/json")])
        elif url.path == "/connections":
            self.reply(200, str(connections).encode())
        else:
            self.reply(404, b'{"message":"no such route"}')

    def stream(self, count, delay, hold):
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        def chunk(data):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()

        try:
            for i in range(count):
                # Split a line across two chunks to prove reassembly.
                chunk(b"line %d" % i)
                chunk(b"\r\n" if i % 2 else b"\n")
                time.sleep(delay)
            if hold:
                while True:
                    time.sleep(0.1)
                    # A silent stream: nothing arrives, so only cancellation ends it.
                    self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_GET = do_POST = do_PUT = do_DELETE = route


class TCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


class UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def blackhole():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(3):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.2)
    print("READY %d" % port, flush=True)
    sys.stdin.read()


def main():
    if sys.argv[1] == "blackhole":
        return blackhole()
    if sys.argv[1] == "unix":
        path = sys.argv[2]
        if os.path.exists(path):
            os.unlink(path)
        server = UnixServer(path, Handler)
        where = path
    else:
        server = TCPServer(("127.0.0.1", 0), Handler)
        where = str(server.server_address[1])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("READY " + where, flush=True)
    sys.stdin.read()
    server.shutdown()


main()
