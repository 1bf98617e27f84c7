# reconcile as a container image: build with a Swift toolchain image, run on debian:bookworm-slim.
#
#   docker build -t reconcile .
#   docker run -d --name reconcile --group-add "$(stat -c %g /var/run/docker.sock)" \
#     -v /var/run/docker.sock:/var/run/docker.sock -v /srv/homelab:/repo:ro -v reconcile-state:/var/lib/reconcile \
#     reconcile
#
# See docs/deploy.md (TrueNAS, docker run, systemd, remote hosts behind mutual TLS).
# scripts/image-test builds the runtime stage below on a locally bootstrapped Debian and runs it against the lab.

ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_BASE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libcurl4-openssl-dev libyaml-dev libsqlite3-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Tests/ too: SwiftPM refuses a manifest whose declared targets have no folder.
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
# The release build the benchmark measures: the Swift runtime and FoundationEssentials linked in (never full
# Foundation and its ICU), so the runtime stage needs no toolchain libraries.
RUN swift build -c release --static-swift-stdlib --product reconcile \
 && install -D -m 0755 "$(swift build -c release --static-swift-stdlib --show-bin-path)/reconcile" /out/reconcile

FROM ${RUNTIME_BASE} AS runtime
# Only the C libraries the binary links (libcurl, libyaml, libsqlite3), git for checkouts, CA roots for
# registries and ntfy, tzdata for deploy windows in local time, openssh-client for ssh:// hosts. Packages already in the base are not fetched again.
RUN set -eu; \
    missing=""; \
    for p in libcurl4 libyaml-0-2 libsqlite3-0 git ca-certificates tzdata openssh-client; do \
      dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"; \
    done; \
    if [ -n "$missing" ]; then \
      apt-get update; \
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing; \
      rm -rf /var/lib/apt/lists/*; \
    fi; \
    groupadd --system --gid 10001 reconcile; \
    useradd --system --uid 10001 --gid reconcile --home-dir /var/lib/reconcile --shell /usr/sbin/nologin reconcile; \
    install -d -o reconcile -g reconcile -m 0750 /var/lib/reconcile; \
    git config --system --add safe.directory '*'
COPY --from=build /out/reconcile /usr/local/bin/reconcile

ENV RECONCILE_REPO=/repo \
    RECONCILE_STATE_DIR=/var/lib/reconcile \
    RECONCILE_LISTEN=0.0.0.0:9420
# History database and the daemon's git checkout live here: mount a dataset or named volume.
VOLUME /var/lib/reconcile
EXPOSE 9420
# Non-root. The Docker socket is usually root:docker 0660; give the container that group at run time with
# `--group-add <gid of the socket>` (TrueNAS: the socket's group, see docs/deploy.md). Root-equivalent anyway:
# whoever reaches the socket controls the host.
USER reconcile
# The image has no curl or wget: bash's /dev/tcp asks the daemon's /healthz, so nothing extra is installed.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${RECONCILE_LISTEN##*:} && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["reconcile"]
CMD ["daemon"]
