#!/usr/bin/env bash
# Signalbox proxy benchmark (method: docs in /work/shared/docs/performance.md; see README.md here).
# Starts a zero-delay mock upstream (Helidon, separate JVM) and `signalbox serve` (separate JVM),
# then measures: added latency at concurrency 1 (interleaved direct/proxy, 1 KB and 100 KB bodies),
# throughput with wrk at 50 and 200 connections (ratio to direct), time to first byte against a
# paced stream, capacity against a mock answering after 20 ms (ratio to direct), and RSS of the proxy
# idle and under load. Not part of `mvn verify`.
#
# Usage: docs/benchmarks/run.sh [OUTPUT_FILE]
#   env: ROUNDS=10000 (measured concurrency-1 pairs per body size and phase) DURATION=15s SERVE_JAVA_OPTS="-Xmx256m -XX:+UseSerialGC" (the flags recommended for serve)
#        SIGNALBOX_USAGE=on|off (default on: usage recording into SQLite on; off measures the proxy without it)
#        WARMUP=60s (wrk at 50 connections through the proxy and straight at the mock before anything
#        is measured, so that the JIT has compiled the hot paths — the proxy needs ~40 s of load; 0 skips it)
#        WRK_WARMUP=10s (unmeasured wrk right before each measured one, same target and connections)
#        LAT_WARM_ROUNDS=10000 (unmeasured concurrency-1 pairs per body size before ROUNDS measured ones)
#        PIN=1 (default; 0 disables): the mock and wrk run on CPU 0 (taskset -c 0), the proxy on CPU 1
#        (taskset -c 1), for the direct and the proxied runs alike; the concurrency-1 driver runs on CPU 0
#        too (a load generator, like wrk); the ttfb driver is not pinned.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
ROUNDS=${ROUNDS:-10000}
DURATION=${DURATION:-15s}
SERVE_JAVA_OPTS=${SERVE_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}
OUT=${1:-docs/benchmarks/results-$(date +%Y%m%d-%H%M%S).txt}
SIGNALBOX_USAGE=${SIGNALBOX_USAGE:-on}
PIN=${PIN:-1}
WARMUP=${WARMUP:-60s}
LAT_WARM_ROUNDS=${LAT_WARM_ROUNDS:-10000}
if [ "$PIN" = 1 ] && [ "$(nproc)" -ge 2 ]; then
    PIN_LOAD=(taskset -c 0)   # mock and wrk
    PIN_PROXY=(taskset -c 1)  # signalbox serve
else
    PIN_LOAD=()
    PIN_PROXY=()
fi

./mvnw -B -q -o -pl proxy test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
CP="proxy/target/classes:proxy/target/test-classes:$(cat proxy/target/bench.cp)"
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kb() { awk '/VmRSS/{print $2}' "/proc/$1/status"; }
wait_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; return 1; }
log() { echo "$*" | tee -a "$OUT"; }

"$JAVA" -cp "$CP" io.signalbox.bench.BenchDriver body 1024 >"$WORK/body-1k.json"
"$JAVA" -cp "$CP" io.signalbox.bench.BenchDriver body 102400 >"$WORK/body-100k.json"

MOCK_PORT=$(free_port)
PROXY_PORT=$(free_port)
"${PIN_LOAD[@]}" "$JAVA" -Xmx256m -cp "$CP" io.signalbox.bench.BenchMock "$MOCK_PORT" >"$WORK/mock.log" 2>&1 &
PIDS+=($!)
wait_port "$MOCK_PORT"

export SIGNALBOX_HOME="$WORK/signalbox"
TOKEN=$("$JAVA" -cp "$CP" io.signalbox.bench.BenchSetup "$SIGNALBOX_HOME" "$MOCK_PORT")
# shellcheck disable=SC2086  # SERVE_JAVA_OPTS is a list of flags
SIGNALBOX_USAGE="$SIGNALBOX_USAGE" SIGNALBOX_SECRET_STORE=file "${PIN_PROXY[@]}" "$JAVA" $SERVE_JAVA_OPTS --enable-native-access=ALL-UNNAMED -cp "$CP" io.signalbox.cli.Main \
    serve --port "$PROXY_PORT" >"$WORK/serve.out" 2>"$WORK/serve.log" &
PROXY_PID=$!
PIDS+=($PROXY_PID)
wait_port "$PROXY_PORT"


: >"$OUT"
log "# Signalbox proxy benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -m | awk '/Mem:/{print $2}') MB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
log "java: $("$JAVA" -version 2>&1 | head -1); wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); serve flags: $SERVE_JAVA_OPTS"
log "usage recording (SIGNALBOX_USAGE): $SIGNALBOX_USAGE; warm-up: $WARMUP; pinning: $([ ${#PIN_LOAD[@]} -gt 0 ] && echo 'mock+wrk on CPU 0, proxy on CPU 1 (taskset)' || echo none)"
sleep 2
log "rss_idle_kb=$(rss_kb "$PROXY_PID")"

if [ "$WARMUP" != 0 ]; then
    log "## warm-up: wrk -c50 for $WARMUP through the proxy and straight at the mock (not measured)"
    for url in "http://127.0.0.1:$PROXY_PORT/v1/messages?beta=true" "http://127.0.0.1:$MOCK_PORT/v1/messages"; do
        BODY_FILE="$WORK/body-1k.json" TOKEN="$TOKEN" "${PIN_LOAD[@]}" wrk -t2 -c50 -d"$WARMUP" -s docs/benchmarks/post.lua "$url" >/dev/null 2>&1
    done
    sleep 2
fi

# Time the hypervisor ran something else on our vCPUs (steal, /proc/stat): a p99 measured while it
# is high is the host's, not the proxy's; every phase reports it.
steal_ticks() { awk '/^cpu /{print $9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
steal_since() { # "steal total" from steal_ticks -> percent of all CPU time since then
    local now; now=$(steal_ticks)
    python3 -c "a=[int(x) for x in '$1'.split()]; b=[int(x) for x in '$now'.split()]; print(round(100*(b[0]-a[0])/max(1,b[1]-a[1]),1))"
}
latency() {
    local s0; s0=$(steal_ticks)
    "${PIN_LOAD[@]}" "$JAVA" -cp "$CP" io.signalbox.bench.BenchDriver latency "$MOCK_PORT" "$PROXY_PORT" "$TOKEN" "$ROUNDS" \
        "$LAT_WARM_ROUNDS" | tee -a "$OUT"
    log "host steal during this phase: $(steal_since "$s0") % of CPU time"
}
log "## added latency, concurrency 1 (interleaved, keep-alive, blocking-socket client on the load CPU; $LAT_WARM_ROUNDS warm-up pairs per size)"
if [ ${#PIN_PROXY[@]} -gt 0 ]; then
    log "### proxy confined to CPU 1"
    latency
    # The proxy as installed: free to use both cores (its JVM still sized itself for one at start).
    taskset -a -p -c 0,1 "$PROXY_PID" >/dev/null
    log "### proxy free on both CPUs (taskset -a -p -c 0,1), mock and driver still on CPU 0"
    latency
    # The proxy on the same vCPU as the mock and the driver: no request crosses vCPUs, so the
    # hypervisor's wake-up of an idle vCPU (and the steal on the second one) is out of the path;
    # what remains is the proxy's own work. (latency-vs-bare.sh shows that across vCPUs even the
    # bare Helidon + HttpCore pair has a p99 of several ms on this host.)
    taskset -a -p -c 0 "$PROXY_PID" >/dev/null
    log "### proxy on CPU 0 with the mock and the driver (taskset -a -p -c 0): no cross-vCPU wake-ups"
    latency
    taskset -a -p -c 1 "$PROXY_PID" >/dev/null
else
    latency
fi

log "## time to first byte, paced stream (20 events, 20 ms apart)"
"$JAVA" -cp "$CP" io.signalbox.bench.BenchDriver ttfb "$MOCK_PORT" "$PROXY_PORT" "$TOKEN" 30 | tee -a "$OUT"

run_wrk() { # name conns url token body
    local name=$1 conns=$2 url=$3 token=$4 body=$5
    BODY_FILE="$body" TOKEN="$token" "${PIN_LOAD[@]}" wrk -t2 -c"$conns" -d"$DURATION" --latency -s docs/benchmarks/post.lua "$url" \
        >"$WORK/wrk.txt" 2>&1
    local rps p99 non2xx
    rps=$(awk '/Requests\/sec/{print $2}' "$WORK/wrk.txt")
    p99=$(awk '$1=="99%"{print $2}' "$WORK/wrk.txt")
    non2xx=$(awk '/Non-2xx/{print $5}' "$WORK/wrk.txt"); non2xx=${non2xx:-0}
    log "wrk $name conns=$conns body=$(basename "$body") rps=$rps p99=$p99 non2xx=$non2xx"
    echo "$rps"
}

log "## throughput (wrk -t2, $DURATION each, POST 1 KB body; each run after ${WRK_WARMUP:-10s} unmeasured at the same connection count)"
warm_wrk() { # conns url token: unmeasured, so that each measured run starts on compiled code
    [ "$WARMUP" = 0 ] && return 0
    BODY_FILE="$WORK/body-1k.json" TOKEN="$3" "${PIN_LOAD[@]}" wrk -t2 -c"$1" -d"${WRK_WARMUP:-10s}" -s docs/benchmarks/post.lua "$2" \
        >/dev/null 2>&1
}
for conns in 50 200; do
    warm_wrk "$conns" "http://127.0.0.1:$MOCK_PORT/v1/messages" ""
    s0=$(steal_ticks)
    d=$(run_wrk direct "$conns" "http://127.0.0.1:$MOCK_PORT/v1/messages" "" "$WORK/body-1k.json" | tail -1)
    warm_wrk "$conns" "http://127.0.0.1:$PROXY_PORT/v1/messages?beta=true" "$TOKEN"
    ( peak=0; while kill -0 "$PROXY_PID" 2>/dev/null; do r=$(rss_kb "$PROXY_PID"); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" >"$WORK/peak"; sleep 0.5; done ) &
    SAMPLER=$!
    p=$(run_wrk proxy "$conns" "http://127.0.0.1:$PROXY_PORT/v1/messages?beta=true" "$TOKEN" "$WORK/body-1k.json" | tail -1)
    log "host steal during this connection count (both measured runs and the warm-up between): $(steal_since "$s0") % of CPU time"
    kill "$SAMPLER" 2>/dev/null || true
    log "ratio proxy/direct conns=$conns: $(python3 -c "print(round($p/$d, 3))")"
    log "rss_under_load_peak_kb(conns=$conns)=$(cat "$WORK/peak")"
done

# Capacity (performance.md, method step 1: the second mock, with a fixed 20 ms delay, is the one for
# capacity runs): real upstreams answer in tens of milliseconds or more, so this is the throughput a
# user's clients can get through the proxy; the zero-delay runs above measure its CPU cost per request.
log "## capacity against the 20 ms mock (wrk -t2, $DURATION each; direct: the mock's /delayed route; proxy: /p/delayed/…)"
for spec in "50 $WORK/body-1k.json" "200 $WORK/body-1k.json" "50 $WORK/body-100k.json"; do
    read -r conns body <<<"$spec"
    s0=$(steal_ticks)
    warm_wrk "$conns" "http://127.0.0.1:$MOCK_PORT/delayed/v1/messages" ""
    d=$(run_wrk direct-20ms "$conns" "http://127.0.0.1:$MOCK_PORT/delayed/v1/messages" "" "$body" | tail -1)
    warm_wrk "$conns" "http://127.0.0.1:$PROXY_PORT/p/delayed/v1/messages?beta=true" "$TOKEN"
    p=$(run_wrk proxy-20ms "$conns" "http://127.0.0.1:$PROXY_PORT/p/delayed/v1/messages?beta=true" "$TOKEN" "$body" | tail -1)
    log "host steal during this run: $(steal_since "$s0") % of CPU time"
    log "capacity ratio proxy/direct conns=$conns body=$(basename "$body"): $(python3 -c "print(round($p/$d, 3))")"
done
sleep 3
log "rss_after_load_kb=$(rss_kb "$PROXY_PID")"
log "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
log "proxy requests logged: $(grep -c 'request id=' "$WORK/serve.log" || true); failed: $(grep -c 'outcome=failed' "$WORK/serve.log" || true)"
if [ "$SIGNALBOX_USAGE" = on ]; then
    # Usage recording must keep every request's row even while the proxy's core is saturated
    # (rows that overflow the writer's queue are counted in usage_gap).
    sleep 2
    log "usage rows recorded: $(python3 - "$SIGNALBOX_HOME/usage.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
rows = c.execute("SELECT COUNT(*) FROM usage_request").fetchone()[0]
lost = c.execute("SELECT COALESCE(SUM(lost), 0) FROM usage_gap").fetchone()[0]
print("%d; lost (writer queue overflow): %d" % (rows, lost))
PY
)"
fi
echo "results written to $OUT"
