/// The git hook `reconcile init` writes: the same text as `scripts/hooks/post-receive` (a test holds them equal).
enum PostReceiveHook {
    static let text = #"""
#!/usr/bin/env bash
# Example post-receive hook for a bare repo on the NAS: `git push nas main` asks the running
# reconcile daemon for a pass at once instead of waiting for its next `git ls-remote` poll.
#
# Install: cp scripts/hooks/post-receive /srv/git/homelab.git/hooks/ && chmod +x it.
# Settings (environment of the git daemon/sshd, or edit the defaults):
#   RECONCILE_BRANCH               branch the daemon follows (default main)
#   RECONCILE_URL                  daemon address (default http://127.0.0.1:9420)
#   RECONCILE_WEBHOOK_SECRET_FILE  the daemon's --webhook-secret-file (required)
# Uses `reconcile trigger` when it is on PATH, else a signed curl (HMAC-SHA256 of "<unix time>.<body>" by openssl).
# A failed poke never fails the push: the daemon's poll picks the commit up anyway.
set -uo pipefail

branch=${RECONCILE_BRANCH:-main}
url=${RECONCILE_URL:-http://127.0.0.1:9420}
secret_file=${RECONCILE_WEBHOOK_SECRET_FILE:-}

while read -r _old new ref; do
    [[ $ref == "refs/heads/$branch" ]] || continue
    [[ -n $secret_file && -r $secret_file ]] || { echo "reconcile: no readable RECONCILE_WEBHOOK_SECRET_FILE; not poking the daemon" >&2; exit 0; }
    reason="post-receive:$new"
    if command -v reconcile >/dev/null 2>&1; then
        reconcile trigger --url "$url" --secret-file "$secret_file" --reason "$reason" >&2 \
            || echo "reconcile: trigger failed; the daemon's poll will pick $new up" >&2
    else
        body=$(printf '{"reason":"%s"}' "$reason")
        secret=$(tr -d '\n' <"$secret_file")
        ts=$(date +%s)
        sig=$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$secret" | sed 's/^.* //')
        curl -fsS --max-time 10 -X POST "$url/api/trigger" -H 'Content-Type: application/json' \
            -H "X-Reconcile-Signature: t=$ts,sha256=$sig" -H "X-Reconcile-Delivery: $new-$(date +%s%N)" \
            --data-binary "$body" >&2 \
            || echo "reconcile: trigger failed; the daemon's poll will pick $new up" >&2
    fi
done
exit 0
"""#
}
