#!/usr/bin/env bash
# The most connections a command holds at once on one test database: samples pg_stat_activity every 100 ms while
# the command runs, then prints the peak. The sampler connects to the "postgres" database, so it is not counted.
#
#   bench/connection-peak.sh DATABASE [command...]     (default command: ./mvnw -B verify)
#
# The command gets MIGMA_TEST_* naming DATABASE on 127.0.0.1:5432 (user postgres, trust) and the local Redis;
# its output goes to target/connection-peak.log, the samples to target/connection-peak.samples.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools.sh

database=${1:?usage: bench/connection-peak.sh DATABASE [command...]}
shift
[ $# -gt 0 ] || set -- ./mvnw -B verify

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export MIGMA_TEST_DATABASE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$database"
export MIGMA_TEST_DATABASE_USERNAME=$PGUSER MIGMA_TEST_DATABASE_PASSWORD=
export MIGMA_TEST_REDIS_URL=${MIGMA_TEST_REDIS_URL:-redis://127.0.0.1:6379}

mkdir -p target
samples=target/connection-peak.samples
: >"$samples"
# One psql session polling with \watch: a process per sample would cost more than what it measures.
printf "select count(*) from pg_stat_activity where datname = '%s'\n\\\\watch 0.1\n" "$database" \
    | psql -d postgres -AtqX >>"$samples" 2>/dev/null &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT

start=$(date +%s)
status=0
"$@" >target/connection-peak.log 2>&1 || status=$?
elapsed=$(($(date +%s) - start))
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true

peak=$(sort -n "$samples" | tail -n 1)
echo "command: $* (exit $status, ${elapsed} s, output in target/connection-peak.log)"
echo "samples: $(wc -l <"$samples") every 100 ms; peak connections on $database: ${peak:-none}"
exit "$status"
