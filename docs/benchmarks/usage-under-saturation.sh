#!/bin/bash
# Does usage recording keep every row while the proxy's core is saturated? Starts the zero-delay mock
# (CPU 0) and `signalbox serve` (CPU 1, recording on), drives wrk -c$CONNS for $DURATION through the
# proxy (CPU 0), stops the proxy (SIGTERM: the writer finishes its queue) and counts the rows in the
# usage store against the requests wrk completed, with the rows counted as lost (writer queue
# overflow, usage_gap).
# Env: ROOT (checkout to run, default this one) CONNS=50 DURATION=30s SERVE_JAVA_OPTS (as run.sh).
# Needs run.sh to have compiled once (proxy/target/bench.cp).
set -u
cd "${ROOT:-$(dirname "$0")/../..}"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}; JAVA=$JAVA_HOME/bin/java
OPTS=${SERVE_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}
CP="proxy/target/classes:proxy/target/test-classes:$(cat proxy/target/bench.cp)"
W=$(mktemp -d); PIDS=()
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null; done; rm -rf $W' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.2; done; return 1; }
MP=$(port); PP=$(port)
taskset -c 0 $JAVA -Xmx256m -cp "$CP" io.signalbox.bench.BenchMock $MP >$W/mock.log 2>&1 & PIDS+=($!)
wait_port $MP
export SIGNALBOX_HOME=$W/sb
TOKEN=$($JAVA -cp "$CP" io.signalbox.bench.BenchSetup $SIGNALBOX_HOME $MP)
# shellcheck disable=SC2086
SIGNALBOX_SECRET_STORE=file taskset -c 1 $JAVA $OPTS --enable-native-access=ALL-UNNAMED \
    -cp "$CP" io.signalbox.cli.Main serve --port $PP >$W/serve.out 2>$W/serve.log & S=$!; PIDS+=($S)
wait_port $PP
$JAVA -cp "$CP" io.signalbox.bench.BenchDriver body 1024 >$W/body.json
out=$(BODY_FILE=$W/body.json TOKEN=$TOKEN taskset -c 0 wrk -t2 -c"${CONNS:-50}" -d"${DURATION:-30s}" \
    -s docs/benchmarks/post.lua "http://127.0.0.1:$PP/v1/messages")
kill -TERM $S; wait $S 2>/dev/null
python3 - "$SIGNALBOX_HOME/usage.db" "$out" "$(git rev-parse --short HEAD)" <<'PY'
import re, sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
rows = c.execute("SELECT COUNT(*) FROM usage_request").fetchone()[0]
lost = c.execute("SELECT COALESCE(SUM(lost), 0) FROM usage_gap").fetchone()[0]
m = re.search(r"(\d+) requests in ([\d.]+)s", sys.argv[2])
rps = re.search(r"Requests/sec:\s+([\d.]+)", sys.argv[2])
print("commit %s: wrk completed %s requests (%s/s); usage rows %d; lost (queue overflow) %d" % (
    sys.argv[3], m.group(1) if m else "?", rps.group(1) if rps else "?", rows, lost))
PY
