# shellcheck shell=bash
# Sourced by scripts/lab: background processes tracked by pid files.

pid_alive() { # pidfile
    [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

# start_proc NAME DIR CMD... : runs CMD detached, log in DIR/NAME.log, pid in DIR/NAME.pid.
# Does nothing when that pid is still alive, so `up` can run twice.
start_proc() {
    local name=$1 dir=$2
    shift 2
    pid_alive "$dir/$name.pid" && return 0
    setsid "$@" >"$dir/$name.log" 2>&1 </dev/null &
    echo $! >"$dir/$name.pid"
}

# wait_for WHAT SECONDS CMD... : polls CMD every 0.2 s.
wait_for() {
    local what=$1 seconds=$2
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@"; do
        ((SECONDS < deadline)) || die "$what not ready after ${seconds}s (logs in $LAB)"
        sleep 0.2
    done
}

# stop_pidfile PIDFILE WHAT : SIGTERM, wait up to 20 s, then SIGKILL.
stop_pidfile() {
    local file=$1 what=$2 pid
    [[ -s $file ]] || return 0
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        local i
        for ((i = 0; i < 100; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "$what (pid $pid) ignored SIGTERM for 20 s; killing"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$file"
}
