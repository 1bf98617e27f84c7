# shellcheck shell=bash
# Sourced by scripts/bench: how to reach each lab engine with the docker CLI and with docker-compose,
# and how to find and remove what the benchmark made there (by name prefix only: nothing else is touched).

# bench_docker HOST ARGS... : the docker CLI against one lab engine.
bench_docker() {
    local host=$1
    shift
    case $host in
        edge) docker --tlsverify --tlscacert "$LAB/tls/ca.pem" --tlscert "$LAB/tls/client.pem" \
            --tlskey "$LAB/tls/client-key.pem" -H "tcp://127.0.0.1:$EDGE_PORT" "$@" ;;
        *) docker -H "unix://$LAB/$host/docker.sock" "$@" ;;
    esac
}

# bench_compose_env HOST -> env assignments (for `env`) that point docker-compose at HOST.
bench_compose_env() {
    case $1 in
        edge) echo "DOCKER_HOST=tcp://127.0.0.1:$EDGE_PORT DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$BENCH_CERTS" ;;
        *) echo "DOCKER_HOST=unix://$LAB/$1/docker.sock" ;;
    esac
}

# bench_cert_dir DIR : the client certificates under the names docker-compose expects.
bench_cert_dir() {
    mkdir -p "$1"
    cp "$LAB/tls/ca.pem" "$1/ca.pem"
    cp "$LAB/tls/client.pem" "$1/cert.pem"
    cp "$LAB/tls/client-key.pem" "$1/key.pem"
}

# bench_snapshot PREFIX -> "host id name startedAt" for every container named PREFIX-*, sorted.
bench_snapshot() {
    local prefix=$1 host ids
    for host in "${BENCH_HOSTS[@]}"; do
        ids=$(bench_docker "$host" ps -aq --filter "name=^$prefix-")
        [[ -n $ids ]] || continue
        # shellcheck disable=SC2086
        bench_docker "$host" inspect -f "$host {{.Id}} {{.Name}} {{.State.StartedAt}}" $ids
    done | sort
}

# bench_remove PREFIX : stops and removes the containers, then the networks, named PREFIX-* on every
# engine. Stopped first and networks retried: removing a network right after `rm -f` of its containers
# can leave Docker 20.10 with a stale endpoint that no later call can clear.
bench_remove() {
    local prefix=$1 host ids try
    for host in "${BENCH_HOSTS[@]}"; do
        ids=$(bench_docker "$host" ps -aq --filter "name=^$prefix-")
        if [[ -n $ids ]]; then
            # shellcheck disable=SC2086
            bench_docker "$host" stop -t 2 $ids >/dev/null
            # shellcheck disable=SC2086
            bench_docker "$host" rm -f $ids >/dev/null
        fi
        for try in 1 2 3; do
            ids=$(bench_docker "$host" network ls -q --filter "name=^$prefix-")
            [[ -n $ids ]] || break
            # shellcheck disable=SC2086
            bench_docker "$host" network rm $ids >/dev/null 2>&1 && break
            ((try < 3)) && sleep 1
        done
    done
}

# bench_publish_image : BENCH_IMAGE (the lab's busybox) pushed to the lab registry and pulled on every
# engine, so no measured run pays for a pull.
bench_publish_image() {
    local host
    bench_docker nas tag lab/busybox:1 "$BENCH_IMAGE"
    bench_docker nas push -q "$BENCH_IMAGE" >/dev/null
    for host in "${BENCH_HOSTS[@]}"; do bench_docker "$host" pull -q "$BENCH_IMAGE" >/dev/null; done
}
