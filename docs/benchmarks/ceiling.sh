#!/bin/bash
# Throughput of Signalbox against the stack's ceiling (see README.md): wrk -t2 -c50 straight at the
# mock (direct), through BenchBareProxy (Helidon WebServer + WebClient and nothing else: the least
# a proxy on this stack can do) and through `signalbox serve`, pinned as run.sh pins (mock and wrk
# on CPU 0, either proxy on CPU 1), interleaved for ROUNDS rounds. Each measured run (DURATION) follows
# WARM of unmeasured wrk at the same target. Prints RPS, the proxies' CPU per request and the ratios.
# With NGINX=1 (needs nginx on PATH, e.g. Debian's nginx-light) each round also measures nginx as a
# reverse proxy, one worker pinned to CPU 1 with keep-alive upstream connections and no access log:
# a proxy in C that does nothing but forward, so the ratio no JVM stack is asked to beat.
# Env: ROUNDS=3 DURATION=10s WARM=15s USAGE=on|off SERVE_JAVA_OPTS (default as run.sh) NGINX=0|1.
# Needs docs/benchmarks/run.sh to have compiled once (proxy/target/bench.cp).
set -u
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}; JAVA=$JAVA_HOME/bin/java
OPTS=${SERVE_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}
CP="proxy/target/classes:proxy/target/test-classes:$(cat proxy/target/bench.cp)"
W=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null; done; rm -rf $W' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.2; done; return 1; }
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
MP=$(port); BP=$(port); PP=$(port)
taskset -c 0 $JAVA -Xmx256m -cp "$CP" io.signalbox.bench.BenchMock $MP >$W/mock.log 2>&1 & PIDS+=($!)
wait_port $MP
# shellcheck disable=SC2086
taskset -c 1 $JAVA $OPTS -cp "$CP" io.signalbox.bench.BenchBareProxy $BP $MP ${BARE_MODE:-} >$W/bare.log 2>&1 & B=$!; PIDS+=($B)
export SIGNALBOX_HOME=$W/sb
TOKEN=$($JAVA -cp "$CP" io.signalbox.bench.BenchSetup $SIGNALBOX_HOME $MP)
# shellcheck disable=SC2086
SIGNALBOX_USAGE=${USAGE:-on} SIGNALBOX_SECRET_STORE=file taskset -c 1 $JAVA $OPTS --enable-native-access=ALL-UNNAMED \
    -cp "$CP" io.signalbox.cli.Main serve --port $PP >$W/out 2>$W/serve.log & S=$!; PIDS+=($S)
NP=
if [ "${NGINX:-0}" = 1 ]; then
    NP=$(port); mkdir -p $W/ng
    cat >$W/ng/nginx.conf <<CONF
worker_processes 1;
daemon off;
master_process off;
error_log $W/ng/error.log warn;
pid $W/ng/nginx.pid;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $W/ng/body;
    proxy_temp_path $W/ng/proxy;
    client_max_body_size 64m;
    client_body_buffer_size 256k;
    upstream mock { server 127.0.0.1:$MP; keepalive 256; keepalive_requests 1000000; }
    server {
        listen 127.0.0.1:$NP;
        keepalive_requests 1000000;
        location / {
            proxy_pass http://mock;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering off;
        }
    }
}
CONF
    taskset -c 1 nginx -c $W/ng/nginx.conf -p $W/ng >$W/ng/out 2>&1 & N=$!; PIDS+=($N)
    wait_port $NP
fi
wait_port $BP; wait_port $PP
$JAVA -cp "$CP" io.signalbox.bench.BenchDriver body 1024 >$W/b.json
echo "# ceiling.sh $(date -u +%Y-%m-%dT%H:%M:%SZ) nginx=${NGINX:-0} usage=${USAGE:-on} opts='$OPTS' rounds=${ROUNDS:-3} duration=${DURATION:-10s} warm=${WARM:-15s}"
measure() { # name url token pid -> prints "rps cpu_us_per_request"
    BODY_FILE=$W/b.json TOKEN=$3 taskset -c 0 wrk -t2 -c50 -d${WARM:-15s} -s docs/benchmarks/post.lua "$2" >/dev/null 2>&1
    local c0=0 c1=0; [ "$4" != - ] && c0=$(cpu $4)
    BODY_FILE=$W/b.json TOKEN=$3 taskset -c 0 wrk -t2 -c50 -d${DURATION:-10s} -s docs/benchmarks/post.lua "$2" >$W/wrk.txt 2>&1
    [ "$4" != - ] && c1=$(cpu $4)
    local n rps; n=$(awk '/requests in/{print $1}' $W/wrk.txt); rps=$(awk '/Requests\/sec/{print $2}' $W/wrk.txt)
    echo "$rps $(python3 -c "print(round(($c1-$c0)*10000/$n))")"
}
for r in $(seq ${ROUNDS:-3}); do
    read -r d _ < <(measure direct "http://127.0.0.1:$MP/v1/messages" "" -)
    read -r b bc < <(measure bare "http://127.0.0.1:$BP/v1/messages" "" $B)
    read -r s sc < <(measure signalbox "http://127.0.0.1:$PP/v1/messages?beta=true" "$TOKEN" $S)
    ng=
    if [ -n "$NP" ]; then
        read -r n nc < <(measure nginx "http://127.0.0.1:$NP/v1/messages" "" $N)
        ng=" nginx_rps=$n nginx_us=$nc nginx/direct=$(python3 -c "print(round($n/$d,3))")"
    fi
    echo "round=$r direct_rps=$d bare_rps=$b bare_us=$bc signalbox_rps=$s signalbox_us=$sc" \
        "bare/direct=$(python3 -c "print(round($b/$d,3))") signalbox/direct=$(python3 -c "print(round($s/$d,3))")" \
        "signalbox/bare=$(python3 -c "print(round($s/$b,3))")$ng load=$(cut -d' ' -f1-3 /proc/loadavg)"
done
