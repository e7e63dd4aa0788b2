#!/usr/bin/env bash
# Nanoseconds the request path spends counting one request (UsageRecorder.record, two threads, one hot key), to
# set against the time of a whole request measured by bench/usage-recording.sh: docs/benchmarks/usage-recording.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main \
    'UsageRecorderBenchmark' "$@"
