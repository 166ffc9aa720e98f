#!/bin/bash
# Added latency at concurrency 1 of Signalbox next to the least a proxy on this stack can do
# (BenchBareProxy in httpcore mode: Helidon WebServer + HttpCore connections, nothing else), to tell
# the proxy's own tail from the host's. The mock and the driver run on CPU 0; both proxies on
# PROXY_CPU (1: across vCPUs, as run.sh's first phase; 0: with the mock and the driver). Alternates
# bare and Signalbox for ROUNDS rounds (BenchDriver latency: 10,000 warm-up pairs, PAIRS measured,
# 1 KB and 100 KB) and prints each run's host steal. Round 0 is a warm-up of all four JVMs (their JIT
# compiles the concurrency-1 paths during it and slows everything on the vCPU): printed, not counted.
# Env: PROXY_CPU=1 ROUNDS=3 PAIRS=10000 USAGE=on|off SERVE_JAVA_OPTS (default as run.sh).
# BENCH_LATENCY_TRACE=DIR keeps every pair's timings (DIR/bare-R/, DIR/signalbox-R/).
# Each run also prints the proxy's context switches per proxied request (from /proc/PID/task/*/status):
# voluntary ones (a thread blocks; each is a wake-up that may cross vCPUs) and involuntary ones (a
# runnable thread was preempted), with the threads that had most.
# Needs docs/benchmarks/run.sh to have compiled once (proxy/target/bench.cp).
set -u
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}; JAVA=$JAVA_HOME/bin/java
OPTS=${SERVE_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}
PCPU=${PROXY_CPU:-1}
CP="proxy/target/classes:proxy/target/test-classes:$(cat proxy/target/bench.cp)"
W=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null; done; rm -rf $W' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.2; done; return 1; }
steal_ticks() { awk '/^cpu /{print $9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
MP=$(port); BP=$(port); PP=$(port)
taskset -c 0 $JAVA -Xmx256m -cp "$CP" io.signalbox.bench.BenchMock $MP >$W/mock.log 2>&1 & PIDS+=($!)
wait_port $MP
# shellcheck disable=SC2086
taskset -c $PCPU $JAVA $OPTS -cp "$CP" io.signalbox.bench.BenchBareProxy $BP $MP httpcore >$W/bare.log 2>&1 & PIDS+=($!); BARE_PID=$!
export SIGNALBOX_HOME=$W/sb
TOKEN=$($JAVA -cp "$CP" io.signalbox.bench.BenchSetup $SIGNALBOX_HOME $MP)
# shellcheck disable=SC2086
SIGNALBOX_USAGE=${USAGE:-on} SIGNALBOX_SECRET_STORE=file taskset -c $PCPU $JAVA $OPTS --enable-native-access=ALL-UNNAMED \
    -cp "$CP" io.signalbox.cli.Main serve --port $PP >$W/out 2>$W/serve.log & PIDS+=($!); SERVE_PID=$!
wait_port $BP; wait_port $PP
switches() { # per thread: name voluntary involuntary
    for t in /proc/"$1"/task/*; do
        echo "$(tr ' ' _ <"$t"/comm) $(awk '/^voluntary_ctxt/{v=$2} /^nonvoluntary_ctxt/{n=$2} END{print v, n}' "$t"/status)"
    done 2>/dev/null
}
switches_per_request() { # before-file after-file requests
    python3 - "$@" <<'PY'
import sys, collections
def load(f):
    d = collections.defaultdict(lambda: [0, 0])
    for line in open(f):
        p = line.split()
        if len(p) == 3:
            d[p[0]][0] += int(p[1]); d[p[0]][1] += int(p[2])
    return d
a, b, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
rows = [(k, b[k][0] - a[k][0], b[k][1] - a[k][1]) for k in b]
top = sorted((r for r in rows if r[1] + r[2] > n // 100), key=lambda r: -(r[1] + r[2]))[:5]
print("context switches per proxied request: voluntary %.2f involuntary %.3f; threads (voluntary/involuntary per 1000 requests): %s" % (
    sum(r[1] for r in rows) / n, sum(r[2] for r in rows) / n,
    ", ".join("%s %d/%d" % (k, 1000 * v // n, 1000 * i // n) for k, v, i in top)))
PY
}
PAIRS=${PAIRS:-10000}
echo "# latency-vs-bare.sh $(date -u +%Y-%m-%dT%H:%M:%SZ) proxy_cpu=$PCPU usage=${USAGE:-on} opts='$OPTS' rounds=${ROUNDS:-3} pairs=$PAIRS"
for r in $(seq 0 "${ROUNDS:-3}"); do
    for which in bare signalbox; do
        if [ $which = bare ]; then p=$BP; tok=unused; pid=$BARE_PID; else p=$PP; tok=$TOKEN; pid=$SERVE_PID; fi
        trace=()
        if [ -n "${BENCH_LATENCY_TRACE:-}" ]; then
            mkdir -p "$BENCH_LATENCY_TRACE/$which-$r"; trace=(env BENCH_LATENCY_TRACE="$BENCH_LATENCY_TRACE/$which-$r")
        fi
        switches $pid >$W/sw0
        s0=$(steal_ticks)
        out=$("${trace[@]}" taskset -c 0 $JAVA -cp "$CP" io.signalbox.bench.BenchDriver latency $MP $p "$tok" "$PAIRS" 10000)
        s1=$(steal_ticks)
        switches $pid >$W/sw1
        st=$(python3 -c "a=[int(x) for x in '$s0'.split()]; b=[int(x) for x in '$s1'.split()]; print(round(100*(b[0]-a[0])/max(1,b[1]-a[1]),1))")
        echo "round=$r$([ "$r" = 0 ] && echo " (warm-up, not counted)") proxy=$which host_steal=$st%"
        echo "$out" | sed 's/^/  /'
        echo "  $(switches_per_request $W/sw0 $W/sw1 $((2 * (PAIRS + 10000))))"
    done
done
