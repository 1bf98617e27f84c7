# shellcheck shell=bash
# Sourced by scripts/lab: builds the lab's images from busybox-static with
# `docker import` (no registry, no network) and pushes some to the lab registry.
#
#   lab/busybox:1          plain busybox rootfs
#   lab/app:1, lab/app:2   /app/version = 1|2, CMD httpd on $PORT (8080) serving /app/www,
#                          healthy unless /tmp/unhealthy exists
#   lab/app:stable         tag of lab/app:1
#   lab/app:broken         healthcheck always fails
#   lab/app:slow           healthcheck passes only $SLOW_SECONDS (10) after start

lab_rootfs() { # dir variant
    local root=$1 variant=$2
    rm -rf "$root" && mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/app/www"
    chmod 1777 "$root/tmp"
    cp "$(command -v busybox)" "$root/bin/busybox"
    local applet
    for applet in $("$root/bin/busybox" --list); do
        [[ $applet == busybox ]] || ln -sf busybox "$root/bin/$applet"
    done
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
    [[ $variant == busybox ]] && return 0
    echo "$variant" >"$root/app/version"
    echo "lab app $variant" >"$root/app/www/index.html"
    cat >"$root/bin/start" <<'SH'
#!/bin/sh
# Records the start time (for the slow healthcheck), then serves /app/www in the foreground.
date +%s > /tmp/started
exec httpd -f -p "${PORT:-8080}" -h /app/www
SH
    case $variant in
        broken) printf '#!/bin/sh\necho "broken on purpose"\nexit 1\n' >"$root/bin/healthcheck" ;;
        slow) cat >"$root/bin/healthcheck" <<'SH'
#!/bin/sh
# Healthy only once the container has run SLOW_SECONDS (default 10).
started=$(cat /tmp/started 2>/dev/null) || { echo "not started"; exit 1; }
age=$(( $(date +%s) - started ))
[ "$age" -ge "${SLOW_SECONDS:-10}" ] || { echo "warming up: ${age}s"; exit 1; }
echo ok
SH
        ;;
        *) printf '#!/bin/sh\n[ ! -e /tmp/unhealthy ] || { echo "unhealthy on demand"; exit 1; }\necho ok\n' >"$root/bin/healthcheck" ;;
    esac
    chmod 755 "$root/bin/start" "$root/bin/healthcheck"
}

lab_import() { # docker-args... -- ref variant
    local -a cli=()
    while [[ $1 != -- ]]; do cli+=("$1"); shift; done
    shift
    local ref=$1 variant=$2
    "$DOCKER" "${cli[@]}" image inspect "$ref" >/dev/null 2>&1 && return 0
    local root=$LAB/rootfs/$variant
    [[ -x $root/bin/busybox ]] || lab_rootfs "$root" "$variant"
    local -a change=(-c 'CMD ["/bin/sh"]')
    if [[ $variant != busybox ]]; then
        # Only the slow image has a start period: failures before it ends do not count.
        local start_period=1ms
        [[ $variant == slow ]] && start_period=30s
        change=(-c 'CMD ["/bin/start"]' -c 'ENV PORT=8080' -c 'EXPOSE 8080'
            -c "HEALTHCHECK --interval=1s --timeout=2s --start-period=$start_period --retries=2 CMD [\"/bin/healthcheck\"]")
    fi
    tar -C "$root" -c . | "$DOCKER" "${cli[@]}" import "${change[@]}" - "$ref" >/dev/null
}

lab_images() { # docker-args...
    lab_import "$@" -- lab/busybox:1 busybox
    local v
    for v in 1 2 broken slow; do lab_import "$@" -- "lab/app:$v" "$v"; done
    "$DOCKER" "$@" image inspect lab/app:stable >/dev/null 2>&1 || "$DOCKER" "$@" tag lab/app:1 lab/app:stable
}

lab_push() { # docker-args...
    local src dst
    for pair in 1:stable 1:1 2:2; do
        src=lab/app:${pair%%:*} dst=$REGISTRY/lab/app:${pair##*:}
        curl -sf -o /dev/null -I -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
            "http://$REGISTRY/v2/lab/app/manifests/${pair##*:}" && continue
        "$DOCKER" "$@" tag "$src" "$dst"
        "$DOCKER" "$@" push "$dst" >/dev/null
        # Untag again: engines start without registry images, so pulls are real.
        "$DOCKER" "$@" rmi "$dst" >/dev/null
    done
}

# lab_corrupt_blob DOCKER-ARGS... : pushes $REGISTRY/lab/corrupt:1 (a layer no other
# image shares) and overwrites that layer's blob in the registry's storage with
# random bytes of the same size. Pulling it, an engine answers 200 and then
# reports "filesystem layer verification failed" inside the progress stream.
lab_corrupt_blob() {
    local marker=$LAB/registry/.corrupted
    [[ -e $marker ]] && return 0
    lab_import "$@" -- lab/corrupt:1 corrupt
    "$DOCKER" "$@" tag lab/corrupt:1 "$REGISTRY/lab/corrupt:1"
    "$DOCKER" "$@" push "$REGISTRY/lab/corrupt:1" >/dev/null
    "$DOCKER" "$@" rmi "$REGISTRY/lab/corrupt:1" lab/corrupt:1 >/dev/null
    local digest
    digest=$(curl -sf -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
        "http://$REGISTRY/v2/lab/corrupt/manifests/1" | grep -o 'sha256:[0-9a-f]*' | tail -1)
    digest=${digest#sha256:}
    local blob=$LAB/registry/data/docker/registry/v2/blobs/sha256/${digest:0:2}/$digest/data
    [[ -s $blob ]] || die "corrupt-blob setup: no blob at $blob"
    head -c "$(stat -c %s "$blob")" /dev/urandom >"$blob.new" && mv "$blob.new" "$blob"
    touch "$marker"
}

LAB_IMAGES=(lab/busybox:1 lab/app:1 lab/app:2 lab/app:stable lab/app:broken lab/app:slow)

# lab_copy_images "FROM-ARGS" "TO-ARGS" : docker save | docker load, so every
# engine holds the very same image IDs (an import is not reproducible).
lab_copy_images() {
    local from=$1 to=$2 ref
    for ref in "${LAB_IMAGES[@]}"; do
        # shellcheck disable=SC2086
        "$DOCKER" $to image inspect "$ref" >/dev/null 2>&1 && continue
        # shellcheck disable=SC2086
        "$DOCKER" $from save "${LAB_IMAGES[@]}" | "$DOCKER" $to load >/dev/null
        return
    done
}
