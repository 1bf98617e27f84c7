# shellcheck shell=bash
# Sourced by scripts/lab (the modern engine's root) and scripts/image-test (the runtime base): both debootstrap.

# The mirror this machine's apt already uses, so debootstrap fetches from the same place.
apt_mirror() {
    local uri
    uri=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1)
    [[ -z $uri ]] && uri=$(awk '$1 == "deb" && $3 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
    echo "${uri:-http://deb.debian.org/debian}"
}
