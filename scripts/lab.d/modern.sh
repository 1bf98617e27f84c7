# shellcheck shell=bash
# Sourced by scripts/lab: the `modern` host, Debian 13's docker.io (26.x, API 1.45) on this Debian 12 machine.
#
# Its files come from a Debian 13 (trixie) root made once by debootstrap and kept in $MODERN_ROOT (a stamp
# file marks it complete; a half-made root is thrown away and made again). Started with
# DOCKER_MIN_API_VERSION=1.44 it refuses API 1.41 exactly as Docker 29 does.
#
# The engine runs in a mount namespace of its own whose root is that tree (pivot_root, not chroot: runc
# enters a container's mount namespace at the namespace's root, so under a chroot `docker exec` and health
# checks would run in the machine's own root). Nothing it mounts is seen outside, and everything goes
# when it stops. $LAB/modern is bound at the same path inside, so the socket, pid file, data root and
# volume paths have one name for the engine, the tests and this script.
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

# Runs inside the engine's new mount namespace (private propagation): binds what dockerd needs into the
# trixie tree, makes it the root, drops the old one, and becomes dockerd. Arguments: root, lab dir, dockerd args.
# shellcheck disable=SC2016 # expanded by the inner shell
MODERN_PIVOT='set -e
root=$1 dir=$2
shift 2
mount --bind "$root" "$root"
for fs in proc sys dev; do mount --rbind "/$fs" "$root/$fs"; done
mkdir -p "$root$dir" "$root/.old-root"
mount --bind "$dir" "$root$dir"
cd "$root"
pivot_root . .old-root
cd /
umount -l /.old-root
exec env DOCKER_MIN_API_VERSION='"$MODERN_MIN_API"' dockerd "$@"'

start_modern_engine() {
    local dir=$LAB/modern ns=lab-modern
    modern_root
    mkdir -p "$dir/data" "$dir/exec"
    ensure_netns "$ns"
    start_registry_forwarder modern "$dir" "$ns"
    if ! pid_alive "$dir/docker.pid"; then
        rm -f "$dir/docker.sock"
        start_proc dockerd "$dir" nsenter --net="/var/run/netns/$ns" unshare --mount --propagation private \
            sh -c "$MODERN_PIVOT" modern-dockerd "$MODERN_ROOT" "$dir" --data-root "$dir/data" \
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
