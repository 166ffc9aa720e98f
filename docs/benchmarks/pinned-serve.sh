# Sourced by cpu-per-request.sh and alloc-per-request.sh (run from the checkout's root): starts the
# zero-delay mock pinned to CPU 0 and `signalbox serve` pinned to CPU 1 (usage recording USAGE=on|off,
# flags SERVE_JAVA_OPTS, default as run.sh) in a throw-away SIGNALBOX_HOME, and waits for the proxy.
# Sets JAVA, CP, W (scratch dir), MP/PP (mock/proxy ports), M/S (their pids), TOKEN; stop_pinned ends them.
# shellcheck shell=bash disable=SC2034
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}; JAVA=$JAVA_HOME/bin/java
CP="proxy/target/classes:proxy/target/test-classes:$(cat proxy/target/bench.cp)"
W=$(mktemp -d)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
MP=$(port); PP=$(port)
taskset -c 0 "$JAVA" -Xmx256m -cp "$CP" io.signalbox.bench.BenchMock "$MP" >"$W/mock.log" 2>&1 & M=$!
sleep 2
export SIGNALBOX_HOME=$W/sb
TOKEN=$("$JAVA" -cp "$CP" io.signalbox.bench.BenchSetup "$SIGNALBOX_HOME" "$MP")
# shellcheck disable=SC2086  # SERVE_JAVA_OPTS is a list of flags
SIGNALBOX_USAGE=${USAGE:-on} SIGNALBOX_SECRET_STORE=file taskset -c 1 "$JAVA" ${SERVE_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC} \
    --enable-native-access=ALL-UNNAMED -cp "$CP" io.signalbox.cli.Main serve --port "$PP" >"$W/out" 2>"$W/serve.log" & S=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PP") 2>/dev/null && break; sleep 0.2; done
stop_pinned() { kill "$S"; sleep 2; kill "$M"; sleep 1; rm -rf "$W"; }
