#!/usr/bin/env python3
"""Prints which modules the resident pages of a process's own executable belong to, as JSON (KiB), next
to how much code each module has in the binary: the binary's share of RSS is mostly whole modules, since
the kernel maps pages around each one a run touches (fault-around, large page-cache folios).

Usage: rss-modules.py PID. Needs root (another process's /proc/PID/pagemap) and binutils (nm, readelf).
A page is counted for the module of the symbol it begins in: Swift symbols by the module in their mangled
name, BoringSSL by its prefix, the rest as the Swift runtime, C++ or C.
"""
import bisect
import collections
import json
import os
import re
import struct
import subprocess
import sys

PAGE = 4096


def module(symbol):
    if re.match(r"_?\$s[sS]", symbol):
        return "Swift standard library"
    mangled = re.match(r"_?\$s(\d+)(\w+)", symbol)
    if mangled:
        return mangled.group(2)[: int(mangled.group(1))]
    if symbol.startswith("CCryptoBoringSSL"):
        return "BoringSSL (swift-crypto)"
    if symbol.startswith(("swift_", "_swift")):
        return "Swift runtime"
    return "C++ runtime" if symbol.startswith("_Z") else "C"


def main():
    pid = int(sys.argv[1])
    exe = os.path.realpath(f"/proc/{pid}/exe")
    symbols, code = [], collections.Counter()
    listing = subprocess.run(["nm", "-n", "-S", "--defined-only", exe], capture_output=True, text=True, check=True)
    for line in listing.stdout.splitlines():
        fields = line.split()
        if len(fields) == 4:
            symbols.append((int(fields[0], 16), module(fields[3])))
            if fields[2] in "tT":
                code[module(fields[3])] += int(fields[1], 16)
    starts = [address for address, _ in symbols]
    segments = []  # (file offset, link address, size) of each LOAD segment
    headers = subprocess.run(["readelf", "-lW", exe], capture_output=True, text=True, check=True)
    for line in headers.stdout.splitlines():
        fields = line.split()
        if fields and fields[0] == "LOAD":
            segments.append((int(fields[1], 16), int(fields[2], 16), int(fields[4], 16)))

    def link_address(offset):
        for start, address, size in segments:
            if start <= offset < start + size:
                return offset - start + address
        return None

    resident = collections.Counter()
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/pagemap", "rb") as pagemap:
        for line in maps:
            fields = line.split()
            if len(fields) < 6 or os.path.realpath(fields[5]) != exe:
                continue
            low, high = (int(x, 16) for x in fields[0].split("-"))
            offset = int(fields[2], 16)
            pagemap.seek(low // PAGE * 8)
            entries = struct.iter_unpack("<Q", pagemap.read((high - low) // PAGE * 8))
            for index, (entry,) in enumerate(entries):
                address = link_address(offset + index * PAGE)
                if entry >> 63 and address is not None:
                    at = bisect.bisect_right(starts, address) - 1
                    resident[symbols[at][1] if at >= 0 else "C"] += PAGE // 1024
    print(json.dumps({"binary_modules": [[name, kib, code[name] // 1024] for name, kib in resident.most_common(12)],
                      "binary_code_kib": sum(code.values()) // 1024}))


main()
