#!/bin/bash
# Bytes the proxy allocates per request (see README.md): serve pinned to CPU 1 (-Xmx256m -XX:+UseSerialGC,
# or SERVE_JAVA_OPTS), wrk -t1 -c1 on CPU 0 with a 1 KB and then a 100 KB body; per size 15 s warm-up, then
# 10 s measured. Allocation = (young GCs x eden capacity + change of eden use) / requests, from jstat.
# Env: ROOT (checkout, default this one), USAGE=on|off. Needs run.sh to have compiled once (proxy/target/bench.cp).
set -u
cd "${ROOT:-$(dirname "$0")/../..}"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}; JAVA=$JAVA_HOME/bin/java
CP="proxy/target/classes:proxy/target/test-classes:$(cat proxy/target/bench.cp)"
W=$(mktemp -d)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
MP=$(port); PP=$(port)
taskset -c 0 $JAVA -Xmx256m -cp "$CP" io.signalbox.bench.BenchMock $MP >$W/mock.log 2>&1 & M=$!
sleep 2
export SIGNALBOX_HOME=$W/sb
TOKEN=$($JAVA -cp "$CP" io.signalbox.bench.BenchSetup $SIGNALBOX_HOME $MP)
SIGNALBOX_USAGE=${USAGE:-on} SIGNALBOX_SECRET_STORE=file taskset -c 1 $JAVA ${SERVE_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC} --enable-native-access=ALL-UNNAMED -cp "$CP" io.signalbox.cli.Main serve --port $PP >$W/out 2>$W/serve.log & S=$!
for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$PP) 2>/dev/null && break; sleep 0.2; done
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
kill $S; sleep 2; kill $M; rm -rf $W
