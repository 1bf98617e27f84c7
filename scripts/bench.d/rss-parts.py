#!/usr/bin/env python3
"""Prints where a process's resident memory is, as JSON (KiB): its own executable's file pages,
shared libraries' file pages, anonymous memory (heap, stacks, and data pages written after loading,
such as relocated ones), which add up to RSS; and how much of the file-backed part the kernel mapped
as large folios, which map more than the pages a program touched.

Usage: rss-parts.py PID. Large-folio figures need root (/proc/kpageflags); without it they are
left out.
"""
import json
import os
import struct
import sys

KPF_COMPOUND_HEAD, KPF_COMPOUND_TAIL = 15, 16


def main():
    pid = int(sys.argv[1])
    exe = os.path.realpath(f"/proc/{pid}/exe")
    parts = {"binary_kib": 0, "libraries_kib": 0, "anonymous_kib": 0}
    mapping, rss = None, 0
    with open(f"/proc/{pid}/smaps") as smaps:
        for line in smaps:
            fields = line.split()
            if "-" in fields[0] and not fields[0].endswith(":"):
                mapping = fields[5] if len(fields) > 5 else ""
            elif fields[0] == "Rss:":
                rss = int(fields[1])
            elif fields[0] == "Anonymous:":
                # Written pages of a file mapping are anonymous copies: counted here, not as file pages.
                anonymous = int(fields[1])
                parts["anonymous_kib"] += anonymous
                if mapping.startswith("/"):
                    key = "binary_kib" if os.path.realpath(mapping) == exe else "libraries_kib"
                    parts[key] += rss - anonymous
    large = large_folio_kib(pid)
    if large is not None:
        parts["file_in_large_folios_kib"] = large
    print(json.dumps(parts))


def large_folio_kib(pid):
    """Resident file-backed KiB that sit in large (compound) page-cache folios, or None without root."""
    try:
        pagemap = open(f"/proc/{pid}/pagemap", "rb")
        flags = open("/proc/kpageflags", "rb")
    except OSError:
        return None
    total = 0
    with pagemap, flags, open(f"/proc/{pid}/maps") as maps:
        for line in maps:
            fields = line.split()
            if len(fields) < 6 or not fields[5].startswith("/"):
                continue
            low, high = (int(x, 16) for x in fields[0].split("-"))
            pagemap.seek(low // 4096 * 8)
            entries = pagemap.read((high - low) // 4096 * 8)
            for (entry,) in struct.iter_unpack("<Q", entries):
                pfn = entry & ((1 << 55) - 1)
                if not entry >> 63 or pfn == 0:
                    continue
                flags.seek(pfn * 8)
                (bits,) = struct.unpack("<Q", flags.read(8))
                if bits >> KPF_COMPOUND_HEAD & 1 or bits >> KPF_COMPOUND_TAIL & 1:
                    total += 4
    return total


main()
