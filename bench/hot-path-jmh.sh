#!/usr/bin/env bash
# Each hot-path step alone, in nanoseconds: header parsing, checksum, hashing, cache lookup (one key, 100k keys),
# bucket consumption, header writing, usage counting. Figures: docs/PERFORMANCE.md. Extra arguments go to JMH.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main \
    'AuthenticationStepsBenchmark|RateLimitStepsBenchmark|UsageRecorderBenchmark' "$@"
