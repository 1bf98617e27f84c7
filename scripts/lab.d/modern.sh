# shellcheck shell=bash
# Sourced by scripts/lab: the `modern` host, Debian 13's docker.io (26.x, API 1.45) on this Debian 12 machine.
#
# It runs chrooted into a Debian 13 (trixie) root made once by debootstrap and kept in $MODERN_ROOT (a stamp
# file marks it complete; a half-made root is thrown away and made again). Started with
# DOCKER_MIN_API_VERSION=1.44 it refuses API 1.41 exactly as Docker 29 does.
#
# Paths are the same inside the chroot and outside: $LAB/modern is bound at $MODERN_ROOT$LAB/modern, so the
# socket, pid file and data root have one name for the engine, the tests and this script.
# Debian 12's docker CLI (20.10) asks for API 1.41, which this engine refuses: `modern_docker` pins it to 1.44.

MODERN_ROOT=${RECONCILE_MODERN_ROOT:-/var/cache/reconcile-lab/trixie-root}
MODERN_SUITE=trixie
MODERN_MIN_API=1.44

# Makes the trixie root once (a few minutes on a fresh machine); reused while its stamp is there.
modern_root() {
    [[ -e $MODERN_ROOT/.reconcile-lab-complete ]] && return 0
    command -v debootstrap >/dev/null || die "debootstrap is missing: run scripts/deps --lab"
    local tmp=$MODERN_ROOT.tmp log=${MODERN_ROOT%/*}/debootstrap.log started=$SECONDS
    mkdir -p "${MODERN_ROOT%/*}"
    modern_unmount "$tmp"
    rm -rf "$tmp"
    log "making the $MODERN_SUITE root for the modern engine in $MODERN_ROOT (once; a few minutes)"
    debootstrap --variant=minbase --include=docker.io,iptables,ca-certificates "$MODERN_SUITE" "$tmp" \
        "$(apt_mirror)" >"$log" 2>&1 || { tail -n 20 "$log" >&2; die "debootstrap of $MODERN_SUITE failed (log: $log)"; }
    rm -rf "$tmp"/var/cache/apt/archives/*.deb "$tmp"/var/lib/apt/lists/*
    rm -rf "$MODERN_ROOT"
    mv "$tmp" "$MODERN_ROOT"
    touch "$MODERN_ROOT/.reconcile-lab-complete"
    log "$MODERN_SUITE root ready in $((SECONDS - started)) s"
}

# Every mount point at or below DIR, deepest first.
modern_mounts_below() { # dir
    awk -v root="$1" '$5 == root || index($5, root "/") == 1 {print $5}' /proc/self/mountinfo | sort -r
}

# Unmounts everything at or below DIR (the engine's overlays, the binds); nothing outside it.
modern_unmount() { # dir
    local target
    while read -r target; do
        [[ -n $target ]] && umount -l "$target" 2>/dev/null || true
    done < <(modern_mounts_below "$1")
}

modern_mounted() { # dir
    awk -v dir="$1" '$5 == dir {found = 1} END {exit !found}' /proc/self/mountinfo
}

# The binds the chrooted engine needs. `/` bound onto itself: the engine remounts `/` when it unpacks
# layers, which fails on a plain directory ("remount /, flags: 0x84000"). Slave propagation keeps
# anything done inside from reaching the machine's own /proc, /sys and /dev.
modern_binds() { # dir
    local dir=$1 root=$MODERN_ROOT fs
    modern_mounted "$root" || { mount --bind "$root" "$root" && mount --make-private "$root"; }
    for fs in proc sys dev; do
        modern_mounted "$root/$fs" || { mount --rbind "/$fs" "$root/$fs" && mount --make-rslave "$root/$fs"; }
    done
    mkdir -p "$root$dir"
    modern_mounted "$root$dir" || mount --bind "$dir" "$root$dir"
}

start_modern_engine() {
    local dir=$LAB/modern ns=lab-modern
    modern_root
    mkdir -p "$dir/data" "$dir/exec"
    ensure_netns "$ns"
    start_registry_forwarder modern "$dir" "$ns"
    if ! pid_alive "$dir/docker.pid"; then
        modern_binds "$dir"
        rm -f "$dir/docker.sock"
        start_proc dockerd "$dir" nsenter --net="/var/run/netns/$ns" chroot "$MODERN_ROOT" \
            env DOCKER_MIN_API_VERSION=$MODERN_MIN_API dockerd --data-root "$dir/data" \
            --exec-root "$dir/exec" --pidfile "$dir/docker.pid" \
            --default-address-pool base=10.213.0.0/16,size=24 -H "unix://$dir/docker.sock"
    fi
    wait_for "modern engine" 60 ping_engine modern
    modern_check_floor
}

# The engine must refuse old clients, or the tests that say "works where 1.41 is refused" prove nothing.
modern_check_floor() {
    local answer
    answer=$(curl -s --max-time 5 --unix-socket "$LAB/modern/docker.sock" http://localhost/v1.41/version)
    [[ $answer == *"client version 1.41 is too old"* ]] ||
        die "the modern engine does not refuse API 1.41 (DOCKER_MIN_API_VERSION ignored?): $answer"
}

# docker CLI for the modern engine: 20.10's requests are valid 1.44 requests for what the lab does with it.
modern_docker() {
    DOCKER_API_VERSION=$MODERN_MIN_API "$DOCKER" -H "unix://$LAB/modern/docker.sock" "$@"
}

stop_modern_engine() {
    local dir=$LAB/modern
    stop_pidfile "$dir/docker.pid" "modern dockerd"
    stop_pidfile "$dir/dockerd.pid" "modern dockerd (launcher)"
    stop_pidfile "$dir/modern-registry-fwd.pid" "modern registry forwarder"
    modern_unmount "$MODERN_ROOT"
}

# docker save from nas | load into modern: the very same image IDs as on the other engines.
modern_copy_images() {
    local ref
    for ref in "${LAB_IMAGES[@]}"; do
        modern_docker image inspect "$ref" >/dev/null 2>&1 && continue
        "$DOCKER" -H "unix://$LAB/nas/docker.sock" save "${LAB_IMAGES[@]}" | modern_docker load >/dev/null
        return
    done
}
