#!/usr/bin/env bash
# tests/bench/http.sh - POST /v1/annotate under wrk, beside nginx serving
# the same bytes as a static file.
#
#   BUILD_DIR=build tests/bench/http.sh        the comparison (run calls it)
#   BUILD_DIR=build tests/bench/http.sh soak   SOAK_SECONDS (300) at
#                                              saturation: errors and RSS
#
# The story is the seed (../shared/data/seed/ap-biden-putin-call.txt) when
# it is there, else tests/http/data/story.txt; STORY=file overrides.
#
# Comparison: `whosaid serve` (THREADS, default 0: one per usable CPU;
# its request log to a file) and nginx (its own configuration in a
# temporary directory, worker_processes auto, access log to a file; the
# system's nginx is never touched) on two free 127.0.0.1 ports, each
# warmed up for 2 s, then wrk -t2 -c64 -d$DURATION (15) s --latency on
# each, one after the other. Prints both rates, their ratio, whosaid's
# p50/p99 as wrk saw them and as whosaid's request log timed them;
# targets: ratio >= 0.3, p99 < 5 ms (a miss prints MISSED).
#
# Twice, in two placements of the processes on the CPUs:
# - shared: wrk and the server on every CPU, time-slicing each other. On
#   a small machine wrk's figures then include wrk's own waits for a CPU:
#   a server thread busy for a whole scheduler slice (some milliseconds)
#   holds up wrk's responses on that CPU, and the p99 grows by about that.
# - isolated (two CPUs or more): wrk on the first CPU, the servers on the
#   others (taskset). The servers get one CPU fewer, so their rates fall,
#   but wrk's latencies are the servers' again: how a client elsewhere
#   would see them.
#
# Soak: wrk -t2 -c64 for SOAK_SECONDS against whosaid alone (log level
# warn, so hundreds of MB of request lines do not fill the disk), VmRSS
# from /proc/PID/status every 10 s. Targets: no error of any kind (wrk's
# socket errors and non-2xx answers) and RSS growing less than 2 MB after
# the first minute.
#
# Measurements, not tests: exit status 1 only when the benchmark could
# not run. Nothing but 127.0.0.1 is contacted.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$root/build}
whosaid=$build/server/whosaid
mode=${1:-compare}
DURATION=${DURATION:-15}
SOAK_SECONDS=${SOAK_SECONDS:-300}
THREADS=${THREADS:-0}
CONNECTIONS=${CONNECTIONS:-64}
seed=$root/../shared/data/seed/ap-biden-putin-call.txt
if [ -z "${STORY:-}" ]; then
    STORY=$root/tests/http/data/story.txt
    [ -r "$seed" ] && STORY=$seed
fi

if [ ! -x "$whosaid" ]; then
    echo "http.sh: $whosaid is not built" >&2
    exit 1
fi
for tool in wrk curl python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "(skipped: $tool is not installed; see .ci/packages)"
        exit 0
    fi
done
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [ "$mode" = compare ] && [ ! -x "$nginx" ]; then
    echo "(skipped: nginx is not installed; see .ci/packages)"
    exit 0
fi

tmp=$(mktemp -d)
wpid= npid=
wpin=() spin=() # taskset prefixes for wrk and for the servers
cleanup() {
    [ -n "$wpid" ] && kill "$wpid" 2>/dev/null && wait "$wpid" 2>/dev/null
    [ -n "$npid" ] && kill "$npid" 2>/dev/null && wait "$npid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_http URL: until it answers, up to 10 s.
wait_http() {
    local i
    for i in $(seq 100); do
        curl -sf -o /dev/null --noproxy '*' "$1" && return 0
        sleep 0.1
    done
    echo "http.sh: nothing answers at $1" >&2
    return 1
}

# start_whosaid LEVEL: the daemon on a free port; sets wport and wpid.
start_whosaid() {
    wport=$(free_port)
    WHOSAID_LOG_LEVEL=$1 WHOSAID_SERVER_THREADS=$THREADS \
        "${spin[@]}" "$whosaid" serve --port "$wport" 2>"$tmp/whosaid.log" &
    wpid=$!
    wait_http "http://127.0.0.1:$wport/readyz"
}

start_nginx() {
    nport=$(free_port)
    mkdir -p "$tmp/www" "$tmp/nginx"
    cp "$STORY" "$tmp/www/story.txt"
    # Workers started by root run as www-data: let them read the file.
    chmod 755 "$tmp" "$tmp/www"
    chmod 644 "$tmp/www/story.txt"
    cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log $tmp/nginx/access.log;
    client_body_temp_path $tmp/nginx/body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;
    types { text/plain txt; }
    server {
        listen 127.0.0.1:$nport;
        root $tmp/www;
    }
}
EOF
    "${spin[@]}" "$nginx" -p "$tmp/nginx" -e "$tmp/nginx/error.log" \
        -c "$tmp/nginx/nginx.conf" &
    npid=$!
    wait_http "http://127.0.0.1:$nport/story.txt" ||
        { cat "$tmp/nginx/error.log" >&2; return 1; }
}

# run_wrk OUT SECONDS URL [POST]: wrk's report in OUT; POST sends the
# story with annotate.lua.
run_wrk() {
    local out=$1 secs=$2 url=$3
    local -a script=()
    [ "${4:-}" = POST ] && script=(-s "$here/annotate.lua")
    if [ "${4:-}" = POST ]; then
        "${wpin[@]}" wrk -t2 -c"$CONNECTIONS" -d"${secs}s" --latency "${script[@]}" \
            "$url" -- "$STORY" >"$out" 2>&1
    else
        "${wpin[@]}" wrk -t2 -c"$CONNECTIONS" -d"${secs}s" --latency "$url" >"$out" 2>&1
    fi
}

# field FILE: requests per second, p50 and p99 (as wrk prints them) and
# the errors (non-2xx answers plus socket errors).
rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
pct() { awk -v p="$2%" '$1 == p { print $2 }' "$1"; }
errors() {
    awk '/Non-2xx or 3xx responses:/ { n += $NF }
         /Socket errors:/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i }
         END { print n + 0 }' "$1"
}
# wrk prints latencies as 1.23ms, 456.00us or 1.20s: in milliseconds.
ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000
        printf "%.3f", n }'
}

annotate_url() { echo "http://127.0.0.1:$wport/v1/annotate"; }

# cpu_ticks PID: user + system CPU time of a process, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

echo "story: ${STORY#"$root"/} ($(stat -c %s "$STORY") bytes); $(nproc) CPUs;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$mode" = soak ]; then
    start_whosaid warn || exit 1
    echo "soak: wrk -t2 -c$CONNECTIONS -d${SOAK_SECONDS}s POST /v1/annotate;" \
        "VmRSS every 10 s"
    run_wrk "$tmp/soak.txt" "$SOAK_SECONDS" "$(annotate_url)" POST &
    bench=$!
    rss_at_60= rss_max_after=0 rss_first=
    t=0
    while kill -0 "$bench" 2>/dev/null; do
        sleep 10
        t=$((t + 10))
        [ "$t" -gt "$SOAK_SECONDS" ] && break
        rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$wpid/status")
        [ -z "$rss_first" ] && rss_first=$rss
        printf '  t=%4ds  VmRSS %8d kB\n' "$t" "$rss"
        if [ "$t" -eq 60 ]; then
            rss_at_60=$rss
        elif [ "$t" -gt 60 ] && [ "$rss" -gt "$rss_max_after" ]; then
            rss_max_after=$rss
        fi
    done
    wait "$bench"
    cat "$tmp/soak.txt"
    errs=$(errors "$tmp/soak.txt")
    growth=$(( ${rss_max_after:-0} > ${rss_at_60:-0} ?
               rss_max_after - rss_at_60 : 0 ))
    printf '\nsoak: %s requests/s, %s errors; VmRSS %s kB at 10 s, %s kB at 60 s, at most %s kB after: +%s kB\n' \
        "$(rps "$tmp/soak.txt")" "$errs" "$rss_first" "${rss_at_60:-?}" \
        "$rss_max_after" "$growth"
    [ "$errs" = 0 ] || echo "MISSED: $errs errors (target 0)"
    [ -n "$rss_at_60" ] && [ "$growth" -ge 2048 ] &&
        echo "MISSED: RSS grew $growth kB after the first minute (target < 2048)"
    exit 0
fi

# server_us LOG FROM: whosaid's own time per request (the "us" of its
# request log lines after line FROM): p50 and p99 in milliseconds.
server_us() {
    tail -n +"$(($2 + 1))" "$1" |
        sed -n 's/.*"event":"request".*"us":\([0-9]*\).*/\1/p' | sort -n |
        awk '{ v[NR] = $1 } END {
            if (NR) printf "%.3f %.3f", v[int(NR * 0.5) + 1] / 1000,
                                        v[int(NR * 0.99) + 1] / 1000 }'
}

# compare PLACEMENT: both servers under wrk with the CPUs placed as
# PLACEMENT says (shared: everything on every CPU; isolated: wrk on the
# first CPU, the servers on the others), then the table and the targets.
compare() {
    local placement=$1 w n p50 p99 werr ratio reqs cpu0 cpu1 lines
    wpin=() spin=()
    if [ "$placement" = isolated ]; then
        wpin=(taskset -c "${cpus[0]}")
        spin=(taskset -c "$(IFS=,; echo "${cpus[*]:1}")")
    fi
    start_whosaid info || return 1
    start_nginx || return 1
    echo "---- $placement: whosaid (pid $wpid) $(grep -o '"threads":[0-9]*' "$tmp/whosaid.log")," \
        "nginx workers $(pgrep -c -P "$npid")${spin:+, both on CPUs ${spin[2]}, wrk on CPU ${wpin[2]}}"
    run_wrk "$tmp/warm.txt" 2 "$(annotate_url)" POST
    run_wrk "$tmp/warm.txt" 2 "http://127.0.0.1:$nport/story.txt"
    cpu0=$(cpu_ticks "$wpid")
    lines=$(wc -l <"$tmp/whosaid.log")
    run_wrk "$tmp/whosaid.txt" "$DURATION" "$(annotate_url)" POST
    cpu1=$(cpu_ticks "$wpid")
    run_wrk "$tmp/nginx.txt" "$DURATION" "http://127.0.0.1:$nport/story.txt"
    echo "---- $placement: wrk, whosaid POST /v1/annotate"
    cat "$tmp/whosaid.txt"
    echo "---- $placement: wrk, nginx GET /story.txt (the same bytes)"
    cat "$tmp/nginx.txt"

    w=$(rps "$tmp/whosaid.txt") n=$(rps "$tmp/nginx.txt")
    p50=$(ms "$(pct "$tmp/whosaid.txt" 50)") p99=$(ms "$(pct "$tmp/whosaid.txt" 99)")
    werr=$(errors "$tmp/whosaid.txt")
    echo
    printf '%-34s %12s %10s %10s %8s\n' \
        "$placement: wrk -t2 -c$CONNECTIONS -d${DURATION}s" \
        "requests/s" "p50 ms" "p99 ms" "errors"
    printf '%-34s %12.0f %10s %10s %8s\n' "whosaid POST /v1/annotate" "$w" \
        "$p50" "$p99" "$werr"
    printf '%-34s %12.0f %10s %10s %8s\n' "nginx GET (static, same bytes)" "$n" \
        "$(ms "$(pct "$tmp/nginx.txt" 50)")" "$(ms "$(pct "$tmp/nginx.txt" 99)")" \
        "$(errors "$tmp/nginx.txt")"
    # From accepting the request to its answer's last byte handed to the
    # kernel: what the client waits beyond it is queueing and scheduling.
    read -r s50 s99 <<<"$(server_us "$tmp/whosaid.log" "$lines")"
    printf '%-34s %12s %10s %10s\n' "whosaid's own time (request log)" "" \
        "${s50:-?}" "${s99:-?}"
    ratio=$(awk -v w="$w" -v n="$n" 'BEGIN { printf "%.3f", n ? w / n : 0 }')
    echo "$placement: ratio whosaid/nginx: $ratio"
    # CPU per request holds steadier than rates on a shared machine.
    reqs=$(awk '/requests in/ { print $1 }' "$tmp/whosaid.txt")
    awk -v t=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" -v n="$reqs" 'BEGIN {
        if (n) printf "whosaid CPU per request: %.0f us (user + system)\n",
                      t / hz / n * 1e6 }'
    awk -v r="$ratio" 'BEGIN { exit !(r < 0.3) }' &&
        echo "MISSED ($placement): ratio $ratio (target >= 0.3)"
    awk -v p="$p99" 'BEGIN { exit !(p >= 5) }' &&
        echo "MISSED ($placement): p99 $p99 ms (target < 5 ms)"
    [ "$werr" = 0 ] || echo "MISSED ($placement): $werr errors from whosaid"
    kill "$wpid" "$npid" 2>/dev/null
    wait "$wpid" "$npid" 2>/dev/null
    wpid= npid=
    echo
}

# The CPUs this process may use; isolation needs two or more.
mapfile -t cpus < <(python3 -c 'import os; print("\n".join(map(str, sorted(os.sched_getaffinity(0)))))')
compare shared || exit 1
if [ "${#cpus[@]}" -ge 2 ] && command -v taskset >/dev/null; then
    compare isolated || exit 1
else
    echo "(isolated placement skipped: it needs two CPUs and taskset)"
fi
exit 0
