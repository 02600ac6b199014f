#!/usr/bin/env bash
# tests/bench/fetch.sh - POST /v1/annotate with a text, at full speed while
# SLOW (200) fetches of SLOW_SECONDS (20) each are in flight.
#
#   BUILD_DIR=build tests/bench/fetch.sh      (tests/bench/run calls it)
#
# 1. tests/fetch/fixture.py on 127.0.0.1 (its /slow-ok?s=N answers after N
#    seconds) and `whosaid serve --port 0` with [fetch] allow_private on.
# 2. wrk, 8 connections, DURATION (3) seconds, best of RUNS (3): text
#    requests per second (the best of a few short runs, because the
#    machine is shared: a neighbour's burst lowers one run, not all).
# 3. SLOW clients POST {"url": ".../slow-ok?s=SLOW_SECONDS"}; once they are
#    in flight (the daemon's /metrics counts SLOW more requests in flight
#    and the fixture's /hits SLOW more fetches: their connections are
#    suspended and the fetches run on the fetcher thread, so no pool
#    thread waits), wrk again; the fetches must still be in flight after.
# 4. Every slow fetch must end in 200 (or a clean 503/504, counted apart);
#    then wrk once more, idle, so that a neighbour's load shows as a gap
#    between the two idle rates.
# Prints the three rates and the ratio busy / idle (the better idle rate);
# under 0.8 it is printed as MISSED, and idle rates 15% apart get a note
# that the machine is not quiet. Exit status 1 only when the benchmark
# could not run. Nothing but 127.0.0.1 is contacted.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$root/build}
whosaid=$build/server/whosaid
SLOW=${SLOW:-200}
SLOW_SECONDS=${SLOW_SECONDS:-20}
DURATION=${DURATION:-3}
RUNS=${RUNS:-3}

if [ ! -x "$whosaid" ]; then
    echo "fetch.sh: $whosaid is not built" >&2
    exit 1
fi
if ! command -v wrk >/dev/null; then
    echo "(skipped: wrk is not installed: apt-get install wrk)"
    exit 0
fi

tmp=$(mktemp -d)
fpid= dpid=
cleanup() {
    [ -n "$dpid" ] && kill "$dpid" 2>/dev/null && wait "$dpid" 2>/dev/null
    [ -n "$fpid" ] && kill "$fpid" 2>/dev/null && wait "$fpid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

# wait_for FILE REGEX: the first match's first group, within 10 s.
wait_for() {
    local i v
    for i in $(seq 100); do
        v=$(sed -nE "s/$2/\\1/p" "$1" 2>/dev/null | head -n 1)
        [ -n "$v" ] && { echo "$v"; return 0; }
        sleep 0.1
    done
    return 1
}

python3 "$root/tests/fetch/fixture.py" > "$tmp/fixture.out" 2>&1 &
fpid=$!
fport=$(wait_for "$tmp/fixture.out" '^port ([0-9]+)$') ||
    { echo "fetch.sh: the fixture did not start"; exit 1; }

WHOSAID_FETCH_ALLOW_PRIVATE=true \
WHOSAID_FETCH_MAX_IN_FLIGHT=$((SLOW + 56)) \
WHOSAID_FETCH_TIMEOUT=$((SLOW_SECONDS + 30)) \
WHOSAID_SERVER_PER_IP_CONNECTION_LIMIT=0 \
WHOSAID_LOG_LEVEL=warn \
    "$whosaid" serve --port 0 > "$tmp/daemon.log" 2>&1 &
dpid=$!
# The listening line is at info; warn hides it, so ask the kernel.
port=
for _ in $(seq 100); do
    port=$(ss -ltnpH 2>/dev/null | awk -v p="pid=$dpid," \
        'index($0, p) { n = split($4, a, ":"); print a[n]; exit }')
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "fetch.sh: the daemon did not start"; cat "$tmp/daemon.log"; exit 1; }
base=http://127.0.0.1:$port

# A short wire story, as a JSON body.
python3 - "$tmp/body.json" <<'EOF'
import json, sys
text = ("RIVERTON (Wire) - The harbour authority will close the old ferry "
        "pier for repairs next month, its director said on Tuesday.\n\n"
        "\u201cThe pilings have done sixty years of work and they are "
        "tired,\u201d said Mara Okafor, the authority's director.\n\n"
        "Councillor Tom Brisk said the timing was poor. \u201cThe summer "
        "market depends on that pier,\u201d he told reporters.")
json.dump({"text": text}, open(sys.argv[1], "w"))
EOF
cat > "$tmp/post.lua" <<EOF
local f = io.open("$tmp/body.json", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
EOF

code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary @"$tmp/body.json" "$base/v1/annotate")
if [ "$code" != 200 ]; then
    echo "fetch.sh: POST /v1/annotate answered $code (not served yet?)"
    exit 1
fi

# rate: wrk's requests per second over DURATION (non-2xx counted apart).
rate() {
    wrk -t2 -c8 -d"${DURATION}s" -s "$tmp/post.lua" "$base/v1/annotate" \
        > "$tmp/wrk.out" 2>&1
    local rps bad
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$tmp/wrk.out")
    bad=$(awk '/Non-2xx/ { print $NF }' "$tmp/wrk.out")
    echo "${rps:-0} ${bad:-0}"
}

# best: the best of RUNS rates, and the non-2xx answers of all of them.
best() {
    local i rps bad top=0 nbad=0
    for i in $(seq "$RUNS"); do
        read -r rps bad < <(rate)
        nbad=$((nbad + bad))
        top=$(awk -v a="$top" -v b="$rps" 'BEGIN { print (b > a ? b : a) }')
    done
    echo "$top $nbad"
}

# metric NAME: its value in the daemon's /metrics.
metric() {
    curl -s "$base/metrics" | awk -v n="$1" '$1 == n { print $2; exit }'
}

read -r rps_idle bad_idle < <(best)
hits0=$(curl -s "http://127.0.0.1:$fport/hits")
flight0=$(metric whosaid_http_requests_in_flight)

# The slow fetches, from one Python process with a thread each.
python3 - "$base/v1/annotate" "http://127.0.0.1:$fport/slow-ok?s=$SLOW_SECONDS" \
    "$SLOW" "$tmp/slow.out" <<'EOF' &
import json, sys, threading, time, urllib.request, urllib.error
api, url, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
results = []
lock = threading.Lock()
def one():
    t0 = time.monotonic()
    req = urllib.request.Request(api, data=json.dumps({"url": url}).encode(),
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=300) as r:
            status = r.status
            ok = "It was slow" in json.loads(r.read())["text"]
    except urllib.error.HTTPError as e:
        status, ok = e.code, False
    except Exception as e:
        status, ok = repr(e)[:40], False
    with lock:
        results.append((status, ok, time.monotonic() - t0))
ts = [threading.Thread(target=one) for _ in range(n)]
for t in ts:
    t.start()
for t in ts:
    t.join()
with open(out, "w") as f:
    for s, ok, t in results:
        f.write("%s %d %.2f\n" % (s, ok, t))
EOF
slow_pid=$!
# Every slow request in the daemon and its fetch at the fixture.
for _ in $(seq 200); do
    flight=$(metric whosaid_http_requests_in_flight)
    hits=$(curl -s "http://127.0.0.1:$fport/hits")
    [ "$((flight - flight0))" -ge "$SLOW" ] &&
        [ "$((hits - hits0))" -ge "$SLOW" ] && break
    sleep 0.05
done
echo "in flight before the busy run: $((flight - flight0)) requests, $((hits - hits0)) fetches at the fixture"
t0=$EPOCHREALTIME
read -r rps_busy bad_busy < <(best)
t1=$EPOCHREALTIME
flight=$(metric whosaid_http_requests_in_flight)
echo "in flight after it: $((flight - flight0)) requests"
wait "$slow_pid"
read -r rps_idle2 bad_idle2 < <(best)

ok=$(awk '$1 == 200 && $2 == 1' "$tmp/slow.out" | wc -l)
clean=$(awk '$1 == 503 || $1 == 504' "$tmp/slow.out" | wc -l)
other=$(awk '!(($1 == 200 && $2 == 1) || $1 == 503 || $1 == 504)' "$tmp/slow.out" | wc -l)
longest=$(awk 'BEGIN { m = 0 } $3 > m { m = $3 } END { printf "%.1f", m }' "$tmp/slow.out")
printf '%-48s %10s %8s\n' "POST /v1/annotate (text), wrk -c8, best of ${RUNS}x${DURATION}s" "req/s" "non-2xx"
printf '%-48s %10.0f %8s\n' "idle" "$rps_idle" "$bad_idle"
printf '%-48s %10.0f %8s\n' "with $SLOW fetches of ${SLOW_SECONDS}s in flight" "$rps_busy" "$bad_busy"
printf '%-48s %10.0f %8s\n' "idle again, the fetches done" "$rps_idle2" "$bad_idle2"
awk -v a="$rps_idle" -v c="$rps_idle2" -v b="$rps_busy" 'BEGIN {
    m = a > c ? a : c
    r = m > 0 ? b / m : 0
    printf "ratio %.2f (busy / the better idle rate)%s\n", r,
        r < 0.8 ? "  MISSED (target >= 0.80)" : ""
    d = a > c ? (a - c) / a : (c - a) / c
    if (d > 0.15)
        printf "note: the idle rates differ by %.0f%%: something else " \
            "loads the machine; rerun for a clean ratio\n", 100 * d }'
echo "slow fetches: $ok answered 200 with the story, $clean 503/504, $other other; longest ${longest}s (each takes ${SLOW_SECONDS}s)"
awk -v t0="$t0" -v t1="$t1" -v s="$SLOW_SECONDS" 'BEGIN {
    if (t1 - t0 >= s) print "note: the busy runs outlasted the slow fetches; raise SLOW_SECONDS" }'
[ "$other" = 0 ] || { echo "fetch.sh: $other slow fetch(es) failed"; sort "$tmp/slow.out" | uniq -c | head; }
exit 0
