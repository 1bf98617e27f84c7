#!/usr/bin/env python3
"""Runs one command and prints its cost as JSON: wall seconds, CPU seconds and peak RSS of the process tree.

Usage: measure.py [--stdout FILE] COMMAND [ARGS...]. CPU and RSS come from getrusage(RUSAGE_CHILDREN) taken around the
command: CPU is the whole tree (user + system), RSS the largest single process in it (KiB, as Linux
reports ru_maxrss). A forked child starts with this script's own RSS (~14 MiB) as its peak, so smaller
programs cannot be measured here (scripts/bench measures its floors with GNU time). This script's own cost is not counted. The exit status is passed through.
"""
import json
import resource
import subprocess
import sys
import time


def main() -> int:
    args = sys.argv[1:]
    out_path = None
    if len(args) >= 2 and args[0] == "--stdout":
        out_path, args = args[1], args[2:]
    if not args:
        print("usage: measure.py [--stdout FILE] COMMAND [ARGS...]", file=sys.stderr)
        return 2
    out = open(out_path, "wb") if out_path else subprocess.DEVNULL
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run(args, stdout=out)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(json.dumps({"wall": round(wall, 4), "cpu": round(cpu, 4), "rss_kib": after.ru_maxrss,
                      "rc": result.returncode}))
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
