/// The helper's shell scripts: POSIX sh with cp, rm, find, stat, awk, wc and date — what busybox, Debian and Alpine
/// images all have.
extension SnapshotHelper {
    /// The snapshot's start time (seconds since 1970), kept in the snapshot volume beside its folders: an entry of a
    /// source whose inode changed before it cannot differ from the copy.
    static let takenMarker = "\(snapshotRoot)/.taken"

    /// The exit status of a snapshot stopped because the copy passed the cap; its last line is `over-cap BYTES`.
    static let overCapStatus = 3

    static func script(_ action: Action, count: Int, cap: Int64? = nil) -> String {
        let src = sourceRoot, snap = snapshotRoot
        var lines = [
            "set -e",
            "count() { n=$(find \"$1\" | wc -l); b=$(find \"$1\" -type f -exec stat -c %s {} + | awk '{s+=$1} END {printf \"%.0f\", s}'); echo \"$2 $3 $n $b\"; }",
        ]
        if action == .take {
            lines.append("date +%s > \(takenMarker)")
            if let cap { lines += capWatch(cap) }
        }
        if action == .restore { lines += restorePreamble }
        for index in 0..<count {
            switch action {
            case .measure:
                break
            case .take:
                let copy = "mkdir -p \(snap)/\(index) && cp -a \(src)/\(index)/. \(snap)/\(index)/"
                lines.append(cap == nil ? copy : "watched_copy \(index) '\(copy)'")
            case .restore:
                lines.append("sync_folder \(snap)/\(index) \(src)/\(index)")
            }
            lines.append("count \(src)/\(index) src \(index)")
            if action != .measure { lines.append("count \(snap)/\(index) snap \(index)") }
        }
        lines.append("sync")
        lines.append("echo done")
        return lines.joined(separator: "\n")
    }

    /// The cap is checked while copying too, since the data may have grown after it was measured (the service writes
    /// as it stops): the copy runs in the background while the size on disk is read every second, and only when that
    /// passes the cap are the copied bytes counted exactly (small files take more disk than bytes). Over it, the
    /// script exits, which ends the container and the copy with it.
    static func capWatch(_ cap: Int64) -> [String] {
        let snap = snapshotRoot
        return [
            "copied_bytes() { find \(snap) -type f -exec stat -c %s {} + | awk '{s+=$1} END {printf \"%.0f\", s}'; }",
            "watched_copy() {",
            "  rm -f /reconcile-copy.$1; (set +e; sh -c \"$2\"; echo $? > /reconcile-copy.$1) &",
            "  ticks=0",
            "  while [ ! -e /reconcile-copy.$1 ]; do",
            "    sleep 0.1; ticks=$((ticks + 1)); [ $((ticks % 10)) -eq 0 ] || continue",
            "    [ \"$(du -sk \(snap) | awk '{printf \"%.0f\", $1 * 1024}')\" -gt \(cap) ] || continue",
            "    used=$(copied_bytes); [ \"$used\" -le \(cap) ] || { echo \"over-cap $used\"; exit \(overCapStatus); }",
            "  done",
            "  wait",
            "  [ \"$(cat /reconcile-copy.$1)\" = 0 ] || { echo \"copy into \(snap)/$1 failed\"; exit 1; }",
            "}",
        ]
    }

    /// A restore rewrites only what changed since the snapshot: removing files is what costs (each freed block is
    /// discarded on disks mounted with `discard`; 51 200 small files took over a minute to delete), so entries
    /// whose inode is older than the snapshot and whose type, owner, mode, size and mtime match the copy are kept;
    /// everything else is removed and copied back. Safe to run again after a crash: what it wrote is newer than the
    /// snapshot, so it is rewritten. A snapshot without a start time (an older one) rewrites everything.
    static var restorePreamble: [String] {
        let list = "find . -mindepth 1 -exec stat -c"
        return [
            "taken=$(cat \(takenMarker) 2>/dev/null || echo 0)",
            "mkdir -p /reconcile-restore",
            "cat > /reconcile-restore/sync.awk <<'AWK'\n\(syncProgram)\nAWK",
            "sync_folder() {",
            "  (cd \"$1\" && \(list) 'S|%f|%u|%g|%s|%Y|%Z|%n' {} +) > /reconcile-restore/snapshot.list",
            "  (cd \"$2\" && \(list) 'D|%f|%u|%g|%s|%Y|%Z|%n' {} +) > /reconcile-restore/source.list",
            "  cat /reconcile-restore/snapshot.list /reconcile-restore/source.list"
                + " | awk -v t=\"$taken\" -v snap=\"$1\" -f /reconcile-restore/sync.awk > /reconcile-restore/sync.sh",
            "  (cd \"$2\" && sh -e /reconcile-restore/sync.sh)",
            "}",
        ]
    }

    /// Reads the snapshot's entries (`S|…`) then the source's (`D|…`), and prints the `rm -rf` of every source entry
    /// that is not known to equal its copy, then the `cp -a` (batched per folder) of every entry then missing.
    /// Names may hold `|` (the name is the rest of the line); a name holding a newline is split into pieces that
    /// are only ever removed and copied back, and the counts afterwards catch what is left.
    static let syncProgram = #"""
        BEGIN { FS = "|" }
        function name(   p, k) { p = $8; for (k = 9; k <= NF; k++) p = p "|" $k; return p }
        function parent(p) { match(p, /\/[^\/]*$/); return substr(p, 1, RSTART - 1) }
        function sq(s) { gsub(/'/, "'\\''", s); return "'" s "'" }
        function flush() { if (n) print head args tail; n = 0; args = "" }
        function add(h, a, t) { if (h != head || t != tail || n >= 200) { flush(); head = h; tail = t } args = args " " sq(a); n++ }
        NF < 8 { next }
        $1 == "S" { p = name(); order[++count] = p; meta[p] = $2 "|" $3 "|" $4; data[p] = $5 "|" $6; next }
        {
            p = name()
            if (parent(p) in gone) { gone[p] = 1; next }
            keep = (p in meta) && meta[p] == $2 "|" $3 "|" $4
            if (keep && !(length($2) == 4 && substr($2, 1, 1) == "4")) keep = data[p] == $5 "|" $6 && $7 + 0 < t + 0
            if (keep) present[p] = 1; else { gone[p] = 1; add("rm -rf", p, "") }
        }
        END {
            flush()
            for (i = 1; i <= count; i++) {
                p = order[i]
                if (p in present) continue
                if (parent(p) in copied) { copied[p] = 1; continue }
                copied[p] = 1
                add("cp -a", snap "/" p, " " sq(parent(p)))
            }
            flush()
        }
        """#
}
