#!/bin/bash
# Proxy CPU per request (see README.md): serve pinned to CPU 1, wrk -t2 -c50 on CPU 0; WARM s warm-up
# (default 30), then 10 s measured. Env: ROOT (checkout, default this one), USAGE=on|off, WARM,
# SERVE_JAVA_OPTS (default "-Xmx256m -XX:+UseSerialGC", as run.sh).
# Needs docs/benchmarks/run.sh to have compiled once (proxy/target/bench.cp).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
cd "${ROOT:-$(dirname "$0")/../..}"  # ROOT: another checkout (e.g. a before build) with compiled classes and proxy/target/bench.cp
. "$HERE/pinned-serve.sh"
$JAVA -cp "$CP" io.signalbox.bench.BenchDriver body 1024 >$W/b.json
BODY_FILE=$W/b.json TOKEN=$TOKEN taskset -c 0 wrk -t2 -c50 -d${WARM:-30}s -s docs/benchmarks/post.lua "http://127.0.0.1:$PP/v1/messages?beta=true" >/dev/null 2>&1
t0=$(awk '{print $14+$15}' /proc/$S/stat); m0=$(awk '{print $14+$15}' /proc/$M/stat)
BODY_FILE=$W/b.json TOKEN=$TOKEN taskset -c 0 wrk -t2 -c50 -d10s -s docs/benchmarks/post.lua "http://127.0.0.1:$PP/v1/messages?beta=true" > $W/wrk.txt 2>&1
t1=$(awk '{print $14+$15}' /proc/$S/stat); m1=$(awk '{print $14+$15}' /proc/$M/stat)
n=$(awk '/requests in/{print $1}' $W/wrk.txt)
echo "root=$PWD usage=${USAGE:-on} opts='${SERVE_JAVA_OPTS:-}' requests=$n rps=$(awk '/Requests\/sec/{print $2}' $W/wrk.txt) proxy_cpu_s=$(( (t1-t0) ))/100 us_per_request=$(python3 -c "print(round(($t1-$t0)*10000/$n))") mock_us_per_request=$(python3 -c "print(round(($m1-$m0)*10000/$n))") proxy_to_mock=$(python3 -c "print(round(($t1-$t0)/max(1,$m1-$m0),2))") load=$(cut -d' ' -f1-3 /proc/loadavg)"
stop_pinned
