#!/usr/bin/env bash
# A throwaway OpenSSH server in the lab's iot namespace, for the SSH transport tests (issue 24).
#
#   scripts/lab.d/sshd.sh start DIR PORT   sshd in lab-iot on 127.0.0.1:PORT with DIR/host_key and
#                                          DIR/authorized_keys, plus a socat forwarder on 127.0.0.1:PORT here
#   scripts/lab.d/sshd.sh stop DIR         stops both, by the pid files in DIR
# Both run detached (stdio on /dev/null, log in DIR/sshd.log): the caller waits on nothing.
set -euo pipefail
cmd=$1 dir=$2
# The caller's pipes may reach here on descriptors above 2 (Foundation's Process leaves them open): a daemon
# holding one would keep the caller reading forever.
for fd in $(ls /proc/$$/fd); do
    ((fd > 2)) && eval "exec $fd>&-" 2>/dev/null || true
done
case $cmd in
start)
    port=$3
    mkdir -p /run/sshd
    cat >"$dir/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_key
AuthorizedKeysFile $dir/authorized_keys
PidFile $dir/sshd.pid
UsePAM no
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowStreamLocalForwarding yes
CONF
    setsid nsenter --net=/var/run/netns/lab-iot /usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log" </dev/null >/dev/null 2>&1
    socat "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork" \
        "EXEC:nsenter --net=/var/run/netns/lab-iot socat STDIO TCP\:127.0.0.1\:$port" </dev/null >/dev/null 2>&1 &
    echo $! >"$dir/socat.pid"
    ;;
stop)
    # SIGKILL: started from a test process, they inherit its blocked signal mask and would ignore SIGTERM.
    for f in socat.pid sshd.pid; do
        [[ -f $dir/$f ]] && kill -KILL "$(cat "$dir/$f")" 2>/dev/null || true
    done
    ;;
esac
