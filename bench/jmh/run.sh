#!/usr/bin/env bash
# Runs the JMH benchmarks under bench/jmh/java. Arguments go to JMH, e.g.:
#   bench/jmh/run.sh KeyValidation -f 1 -wi 3 -i 5
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -q -B -Pbench -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main "$@"
