#!/bin/bash
# Bytes the proxy allocates per request (see README.md): serve pinned to CPU 1 (-Xmx256m -XX:+UseSerialGC,
# or SERVE_JAVA_OPTS), wrk -t1 -c1 on CPU 0 with a 1 KB and then a 100 KB body; per size 15 s warm-up, then
# 10 s measured. Allocation = (young GCs x eden capacity + change of eden use) / requests, from jstat.
# Env: ROOT (checkout, default this one), USAGE=on|off. Needs run.sh to have compiled once (proxy/target/bench.cp).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
cd "${ROOT:-$(dirname "$0")/../..}"
. "$HERE/pinned-serve.sh"
for b in 1024 102400; do
$JAVA -cp "$CP" io.signalbox.bench.BenchDriver body $b >$W/b.json
BODY_FILE=$W/b.json TOKEN=$TOKEN taskset -c 0 wrk -t1 -c1 -d15s -s docs/benchmarks/post.lua "http://127.0.0.1:$PP/v1/messages?beta=true" >/dev/null 2>&1
g0=$($JAVA_HOME/bin/jstat -gc $S | tail -1)
BODY_FILE=$W/b.json TOKEN=$TOKEN taskset -c 0 wrk -t1 -c1 -d10s -s docs/benchmarks/post.lua "http://127.0.0.1:$PP/v1/messages?beta=true" >$W/wrk.txt 2>&1
g1=$($JAVA_HOME/bin/jstat -gc $S | tail -1)
n=$(awk '/requests in/{print $1}' $W/wrk.txt)
python3 - "$g0" "$g1" "$n" "$b" <<'PY'
import sys
h="S0C S1C S0U S1U EC EU OC OU MC MU CCSC CCSU YGC YGCT FGC FGCT CGC CGCT GCT".split()
a=dict(zip(h,[float(x) if x!='-' else 0 for x in sys.argv[1].split()])); b=dict(zip(h,[float(x) if x!='-' else 0 for x in sys.argv[2].split()])); n=int(sys.argv[3])
alloc_kb=(b['YGC']-a['YGC'])*b['EC'] + b['EU']-a['EU']
print(f"body={sys.argv[4]} requests={n} young_gcs={int(b['YGC']-a['YGC'])} alloc_per_request_kb={alloc_kb/n:.1f}")
PY
done
stop_pinned
