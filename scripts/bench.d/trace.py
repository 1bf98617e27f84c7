#!/usr/bin/env python3
"""Summarises a RECONCILE_TRACE_REQUESTS log as JSON: requests in all, per host, and how many mutate.

Usage: trace.py TRACE LAB_DIR EDGE_PORT. Each line is `<endpoint> <METHOD> <path>`; endpoints are mapped
back to the lab's host names. GET and HEAD are reads; everything else counts as a mutation. `GET /_ping`
(API version negotiation, once per process and host) is counted apart, in `pings`.
"""
import json
import sys


def host_of(endpoint: str, lab: str, edge_port: str) -> str:
    for name in ("nas", "iot"):
        if endpoint == f"unix://{lab}/{name}/docker.sock":
            return name
    if endpoint.endswith(f":{edge_port}"):
        return "edge"
    return endpoint


def main() -> int:
    if len(sys.argv) != 4:
        print("usage: trace.py TRACE LAB_DIR EDGE_PORT", file=sys.stderr)
        return 2
    path, lab, edge_port = sys.argv[1:]
    per_host: dict[str, int] = {}
    pings: dict[str, int] = {}
    mutating: list[str] = []
    try:
        lines = open(path).read().splitlines()
    except FileNotFoundError:
        lines = []
    for line in lines:
        parts = line.split(" ", 2)
        if len(parts) != 3:
            continue
        endpoint, method, request = parts
        host = host_of(endpoint, lab, edge_port)
        if method == "GET" and request == "/_ping":
            pings[host] = pings.get(host, 0) + 1
            continue
        per_host[host] = per_host.get(host, 0) + 1
        if method not in ("GET", "HEAD"):
            mutating.append(f"{host} {method} {request}")
    print(json.dumps({"requests": sum(per_host.values()), "per_host": per_host,
                      "max_per_host": max(per_host.values(), default=0),
                      "max_pings_per_host": max(pings.values(), default=0),
                      "mutating": len(mutating), "mutating_requests": mutating[:20]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
