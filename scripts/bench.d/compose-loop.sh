#!/usr/bin/env bash
# The baseline: what GitOps tools that loop `docker compose up -d` do, one stack after another.
# Usage: compose-loop.sh DIR [STACK...]   (default: every stack in DIR/stacks.map)
# Needs LAB, EDGE_PORT, BENCH_CERTS and COMPOSE in the environment; COMPOSE_UP_FLAGS (e.g. --wait)
# is added to every `up -d`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/bench.d/engines.sh
source "$here/engines.sh"
dir=$1
shift
declare -A wanted=()
for s in "$@"; do wanted[$s]=1; done
while read -r stack host; do
    if (($# > 0)) && [[ -z ${wanted[$stack]:-} ]]; then continue; fi
    # shellcheck disable=SC2046,SC2086
    env $(bench_compose_env "$host") "$COMPOSE" -p "$stack" -f "$dir/stacks/$stack/compose.yaml" up -d ${COMPOSE_UP_FLAGS:-} \
        >>"$dir/compose.log" 2>&1
done <"$dir/stacks.map"
