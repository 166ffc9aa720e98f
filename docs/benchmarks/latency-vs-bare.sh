#!/bin/bash
# Added latency at concurrency 1 of Signalbox next to the least a proxy on this stack can do
# (BenchBareProxy in httpcore mode: Helidon WebServer + HttpCore connections, nothing else), to tell
# the proxy's own tail from the host's. The mock and the driver run on CPU 0; both proxies on
# PROXY_CPU (1: across vCPUs, as run.sh's first phase; 0: with the mock and the driver). Alternates
# bare and Signalbox for ROUNDS rounds (BenchDriver latency: 10,000 warm-up pairs, 2,000 measured,
# 1 KB and 100 KB) and prints each run's host steal.
# Env: PROXY_CPU=1 ROUNDS=3 USAGE=on|off SERVE_JAVA_OPTS (default as run.sh). BENCH_LATENCY_TRACE=DIR
# keeps every pair's timings (DIR/bare-R/, DIR/signalbox-R/).
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
taskset -c $PCPU $JAVA $OPTS -cp "$CP" io.signalbox.bench.BenchBareProxy $BP $MP httpcore >$W/bare.log 2>&1 & PIDS+=($!)
export SIGNALBOX_HOME=$W/sb
TOKEN=$($JAVA -cp "$CP" io.signalbox.bench.BenchSetup $SIGNALBOX_HOME $MP)
# shellcheck disable=SC2086
SIGNALBOX_USAGE=${USAGE:-on} SIGNALBOX_SECRET_STORE=file taskset -c $PCPU $JAVA $OPTS --enable-native-access=ALL-UNNAMED \
    -cp "$CP" io.signalbox.cli.Main serve --port $PP >$W/out 2>$W/serve.log & PIDS+=($!)
wait_port $BP; wait_port $PP
echo "# latency-vs-bare.sh $(date -u +%Y-%m-%dT%H:%M:%SZ) proxy_cpu=$PCPU usage=${USAGE:-on} opts='$OPTS' rounds=${ROUNDS:-3}"
for r in $(seq "${ROUNDS:-3}"); do
    for which in bare signalbox; do
        if [ $which = bare ]; then p=$BP; tok=unused; else p=$PP; tok=$TOKEN; fi
        trace=()
        if [ -n "${BENCH_LATENCY_TRACE:-}" ]; then
            mkdir -p "$BENCH_LATENCY_TRACE/$which-$r"; trace=(env BENCH_LATENCY_TRACE="$BENCH_LATENCY_TRACE/$which-$r")
        fi
        s0=$(steal_ticks)
        out=$("${trace[@]}" taskset -c 0 $JAVA -cp "$CP" io.signalbox.bench.BenchDriver latency $MP $p "$tok" 2000 10000)
        s1=$(steal_ticks)
        st=$(python3 -c "a=[int(x) for x in '$s0'.split()]; b=[int(x) for x in '$s1'.split()]; print(round(100*(b[0]-a[0])/max(1,b[1]-a[1]),1))")
        echo "round=$r proxy=$which host_steal=$st%"
        echo "$out" | sed 's/^/  /'
    done
done
