# shellcheck shell=bash
# shellcheck disable=SC2034 # CURRENT_STEP is read by image-test's EXIT trap
# Sourced by scripts/image-test: timing, the local Debian base, the runtime-stage Dockerfile, the demo repository.

STEP_NAMES=()
STEP_SECONDS=()
CURRENT_STEP=""

log() { printf 'image-test: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# step NAME CMD... : runs CMD, prints and records how long it took. CMD runs under `set -e` (not in a
# condition, which would switch errexit off inside it); the EXIT trap names the step that failed.
step() {
    local name=$1 started=$SECONDS
    shift
    CURRENT_STEP=$name
    log "── $name"
    "$@"
    CURRENT_STEP=""
    STEP_NAMES+=("$name")
    STEP_SECONDS+=($((SECONDS - started)))
    log "   $name: $((SECONDS - started))s"
}

print_timings() {
    local i total=0
    printf '\n%-44s %6s\n' step seconds
    for i in "${!STEP_NAMES[@]}"; do
        printf '%-44s %6s\n' "${STEP_NAMES[$i]}" "${STEP_SECONDS[$i]}"
        total=$((total + STEP_SECONDS[i]))
    done
    printf '%-44s %6s\n' total "$total"
}

# shellcheck source=../lab.d/apt-mirror.sh
source "${BASH_SOURCE[0]%/*}/../lab.d/apt-mirror.sh"

# A bookworm minbase with the runtime packages already in it: the lab engines have no route to a mirror,
# so the Dockerfile's apt-get step must find nothing missing. Cached under $CACHE.
bootstrap_base() {
    local root=$CACHE/bookworm
    if [[ ! -x $root/usr/bin/git ]]; then
        rm -rf "$root.tmp"
        debootstrap --variant=minbase --include="$RUNTIME_PACKAGES" bookworm "$root.tmp" "$(apt_mirror)" \
            >"$CACHE/debootstrap.log" 2>&1 || { tail -n 20 "$CACHE/debootstrap.log" >&2; return 1; }
        mv "$root.tmp" "$root"
    fi
    # Trim what a container never uses, like the -slim images do.
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
}

import_base() {
    if "${DOCKER[@]}" image inspect "$BASE_IMAGE" >/dev/null 2>&1 && [[ ${FRESH:-0} != 1 ]]; then
        log "   $BASE_IMAGE already on the engine"
        return 0
    fi
    tar -C "$CACHE/bookworm" -c . | "${DOCKER[@]}" import - "$BASE_IMAGE" >/dev/null
}

# The Dockerfile's runtime stage verbatim, except that the binary comes from the build context
# instead of the build stage (no Swift image can be pulled here).
runtime_dockerfile() { # dockerfile -> stdout
    sed -n '/^ARG RUNTIME_BASE=/p; /^FROM .* AS runtime$/,$p' "$1" \
        | sed 's#^COPY --from=build /out/reconcile #COPY reconcile #'
}

# A one-host, one-stack repository whose host is the socket mounted into the container.
make_demo_repo() { # dir
    local dir=$1
    rm -rf "$dir"
    mkdir -p "$dir/hosts" "$dir/stacks/$DEMO_STACK"
    cat >"$dir/hosts/nas.yaml" <<'YAML'
# The engine whose socket is mounted into the reconcile container.
endpoint: unix:///var/run/docker.sock
vlan: main
YAML
    cat >"$dir/stacks/$DEMO_STACK/compose.yaml" <<YAML
# Deployed by the reconcile image under test.
x-reconcile:
  hosts: [nas]
  health: {min_ready: 1s}
services:
  web:
    image: lab/busybox:1
    command: ["sleep", "86400"]
YAML
    git -C "$dir" init -q
    git -C "$dir" add -A
    git -C "$dir" -c user.name=image-test -c user.email=image-test@localhost commit -qm "demo stack for image-test"
}
