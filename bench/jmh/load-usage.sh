#!/usr/bin/env bash
# Loads synthetic usage records into PostgreSQL database bench_usage for UsageQueryBenchmark:
#   bench/jmh/load-usage.sh [records]      (default 10000000; AIHUB_BENCH_PG_URL to point elsewhere)
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -q -B -Pbench -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "$CP" io.aihub.bench.UsageBenchData "$@"
