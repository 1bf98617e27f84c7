#!/usr/bin/env python3
"""A fake OCI registry on 127.0.0.1 for the RegistryTests.

Usage: registry.py LOGFILE CONTROLFILE
Prints "READY <port>" once listening; exits when stdin closes.

Every request is appended to LOGFILE as one JSON line {method, path, authorization}.
CONTROLFILE (JSON, re-read on each request, may be missing) steers the answers:
  status          manifest status (default 200)
  headers         extra headers on manifest answers, e.g. {"Retry-After": "120"}
  generation      changes every digest when changed (a "push")
  auth            "bearer": manifests need a token from /token;
                  "basic": manifests need Basic auth with `basic`
  expires_in      seconds the token service reports (omitted when absent)
  basic           "user:password" the token service requires as Basic auth
  revoke_upto     tokens tok-1 … tok-N are refused from now on
  tags            {"repo": ["1.2.0", ...]}: what GET /v2/<repo>/tags/list lists (auth, status and
                  headers as for manifests)
  page_size       tags per page when the client asks for more; the rest follow through Link
"""
import base64
import hashlib
import json
import sys
import threading
from urllib.parse import parse_qs, urlsplit
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG, CONTROL = sys.argv[1], sys.argv[2]
lock = threading.Lock()
issued = set()


def control():
    try:
        with open(CONTROL) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def record(self):
        entry = {"method": self.command, "path": self.path,
                 "authorization": self.headers.get("Authorization", "")}
        with lock, open(LOG, "a") as f:
            f.write(json.dumps(entry) + "\n")

    def answer(self, status, headers, body=b""):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        self.record()
        if self.path.startswith("/token"):
            return self.token(control())
        if "/tags/list" in self.path:
            return self.tags(control())
        return self.manifest(control())

    def do_HEAD(self):
        self.record()
        return self.manifest(control())

    def token(self, ctl):
        basic = ctl.get("basic")
        if basic:
            wanted = "Basic " + base64.b64encode(basic.encode()).decode()
            if self.headers.get("Authorization") != wanted:
                return self.answer(401, {"Content-Type": "application/json"}, b'{"details":"bad credentials"}')
        with lock:
            token = "tok-%d" % (len(issued) + 1)
            issued.add(token)
        reply = {"token": token}
        if "expires_in" in ctl:
            reply["expires_in"] = ctl["expires_in"]
        self.answer(200, {"Content-Type": "application/json"}, json.dumps(reply).encode())

    def tags(self, ctl):
        url = urlsplit(self.path)
        repo = url.path[len("/v2/"):-len("/tags/list")]
        refusal = self.refusal(ctl, repo)
        if refusal:
            return refusal()
        status = ctl.get("status", 200)
        headers = dict(ctl.get("headers", {}))
        if repo not in ctl.get("tags", {}):
            return self.answer(404, {}, b'{"errors":[{"code":"NAME_UNKNOWN"}]}')
        if status != 200:
            return self.answer(status, headers)
        query = parse_qs(url.query)
        every = sorted(ctl["tags"][repo])
        last = query.get("last", [None])[0]
        rest = [t for t in every if last is None or t > last]
        size = min(int(query.get("n", [len(rest) or 1])[0]), ctl.get("page_size", 10 ** 6))
        page = rest[:size]
        if len(rest) > size:
            headers["Link"] = '</v2/%s/tags/list?n=%d&last=%s>; rel="next"' % (repo, size, page[-1])
        headers["Content-Type"] = "application/json"
        self.answer(200, headers, json.dumps({"name": repo, "tags": page}).encode())

    def refusal(self, ctl, repo):
        """The 401 to answer when the request lacks the credentials `auth` asks for, else None."""
        if ctl.get("auth") == "basic":
            wanted = "Basic " + base64.b64encode(ctl.get("basic", "").encode()).decode()
            if self.headers.get("Authorization") != wanted:
                return lambda: self.answer(401, {"WWW-Authenticate": 'Basic realm="fake-registry"'})
        if ctl.get("auth") == "bearer":
            auth = self.headers.get("Authorization", "")
            token = auth[len("Bearer "):] if auth.startswith("Bearer ") else None
            revoked = token and int(token.split("-")[1]) <= ctl.get("revoke_upto", 0)
            if token not in issued or revoked:
                port = self.server.server_address[1]
                challenge = ('Bearer realm="http://127.0.0.1:%d/token",service="fake-registry",'
                             'scope="repository:%s:pull"' % (port, repo))
                return lambda: self.answer(401, {"WWW-Authenticate": challenge})
        return None

    def manifest(self, ctl):
        parts = self.path.split("/manifests/")
        if not self.path.startswith("/v2/") or len(parts) != 2:
            return self.answer(404, {})
        repo, ref = parts[0][len("/v2/"):], parts[1]
        refusal = self.refusal(ctl, repo)
        if refusal:
            return refusal()
        status = ctl.get("status", 200)
        headers = dict(ctl.get("headers", {}))
        if status == 200:
            seed = "%s:%s:%s" % (repo, ref, ctl.get("generation", 0))
            headers["Docker-Content-Digest"] = "sha256:" + hashlib.sha256(seed.encode()).hexdigest()
            headers["Content-Type"] = "application/vnd.oci.image.index.v1+json"
        self.answer(status, headers, b"{}" if status == 200 else b"")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
print("READY %d" % server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
