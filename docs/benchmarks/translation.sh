#!/bin/bash
# Format translation cost (JMH, see README.md): per request (a ~100 KB Claude Code-like Messages request to
# Chat Completions and to the Responses API; Codex's captured Responses request to Chat Completions) and per
# SSE event (one Chat Completions text chunk as Anthropic's and as the Responses API's events; one Responses
# API text delta as Anthropic's), each next to its baseline in the
# same run (the request passed through: the model rewrite every request gets; the chunk parsed alone).
# Pinned to CPU 1. Usage: docs/benchmarks/translation.sh [OUTFILE]
set -eu
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
./mvnw -B -q -o -pl proxy test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
CP="proxy/target/classes:proxy/target/test-classes:$(cat proxy/target/bench.cp)"
OUT=${1:-/dev/stdout}
{
  echo "# translation cost, $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD), $(nproc) CPUs, JMH fork pinned to CPU 1"
  "$JAVA" -version 2>&1 | head -1
  "$JAVA" -cp "$CP" io.signalbox.bench.TranslationBench
  taskset -c 1 "$JAVA" -cp "$CP" org.openjdk.jmh.Main 'io.signalbox.bench.TranslationBench' -jvmArgs '-Xmx256m' 2>&1 \
    | sed -n '/^Benchmark/,$p'
} > "$OUT"
