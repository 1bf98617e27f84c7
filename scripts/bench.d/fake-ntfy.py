#!/usr/bin/env python3
# A small server speaking ntfy's documented subscribe protocol (https://docs.ntfy.sh/subscribe/api/), for the
# ntfy subscription test (Tests/ServerTests/NtfySubscriptionTests.swift) and scripts/bench-triggers:
#   POST /<topic>                      publish (body = message); answers the message as JSON with its id
#   GET  /<topic>/json?since=<id|unix> stream: an `open` event, cached messages after `since`, new ones, keepalives
#   POST /_down, POST /_up             end every stream and answer 503 / serve again (a restart, cache kept)
# Requires `Authorization: Bearer <token>`; writes every since= it is asked for to <workdir>/since.log.
# Usage: fake-ntfy.py TOKEN WORKDIR   (prints the port it listens on, on 127.0.0.1)
import http.server, socketserver, json, sys, time, threading, uuid, os, signal
# A parent that blocks SIGTERM in its threads (the Swift test process does) passes the mask on: undo it.
signal.pthread_sigmask(signal.SIG_SETMASK, [])
token, workdir = sys.argv[1], sys.argv[2]
lock = threading.Lock()
messages = []          # ntfy's message cache
state = {"down": False, "generation": 0}
def record(name, text):
    with open(os.path.join(workdir, name), "a") as f: f.write(text + "\n")
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    def log_message(self, *a): pass
    def deny(self, code):
        self.send_response(code); self.send_header("Content-Length", "0"); self.end_headers()
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        if self.path == "/_down":
            with lock: state["down"] = True; state["generation"] += 1
            return self.deny(200)
        if self.path == "/_up":
            with lock: state["down"] = False
            return self.deny(200)
        topic = self.path.strip("/")
        with lock:
            m = {"id": uuid.uuid4().hex[:12], "time": int(time.time()), "event": "message", "topic": topic, "message": body}
            messages.append(m)
        out = json.dumps(m).encode()
        self.send_response(200); self.send_header("Content-Length", str(len(out))); self.end_headers(); self.wfile.write(out)
    def do_GET(self):
        path, _, query = self.path.partition("?")
        if self.headers.get("Authorization") != "Bearer " + token: return self.deny(401)
        with lock:
            if state["down"]: return self.deny(503)
            generation = state["generation"]
        params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
        since = params.get("since", "")
        record("since.log", since)
        topic = path.split("/")[1]
        self.send_response(200); self.send_header("Content-Type", "application/x-ndjson"); self.end_headers()
        def send(obj): self.wfile.write((json.dumps(obj) + "\n").encode()); self.wfile.flush()
        try:
            send({"id": "open" + uuid.uuid4().hex[:6], "time": int(time.time()), "event": "open", "topic": topic})
            with lock: ids = [m["id"] for m in messages]
            if since in ids: sent = ids.index(since) + 1
            else:
                with lock: sent = len([m for m in messages if since.isdigit() and m["time"] < int(since)])
            ticks = 0
            while True:
                with lock:
                    pending = [m for m in messages if m["topic"] == topic][sent:]
                    gone = state["down"] or state["generation"] != generation
                if gone: return   # the server went away mid-stream: the connection just ends
                for m in pending: send(m); sent += 1
                ticks += 1
                if ticks % 20 == 0: send({"id": "ka", "time": int(time.time()), "event": "keepalive", "topic": topic})
                time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            return
class S(socketserver.ThreadingMixIn, http.server.HTTPServer): daemon_threads = True
s = S(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
