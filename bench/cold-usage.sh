#!/usr/bin/env bash
# Cold lookups with usage recording off and on: is the cold-request tail the lookup or the usage flush?
# 400,000 keys seeded; for each setting a fresh gateway warms on 100,000 never-seen keys (15 s), then 8 s of
# requests each with another never-seen key are timed (wrk -c4). Figures: docs/PERFORMANCE.md.
#   bash bench/cold-usage.sh        # needs PostgreSQL on 127.0.0.1, wrk, python3; about 3 minutes
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools.sh
PORT=18096
JAR=target/migma-gateway-0.1.0-SNAPSHOT.jar
work=$(mktemp -d)
export KEYS_FILE=$work/keys.txt ROUTE=/v1/webhooks/events THREADS=2
./mvnw -B -q -Pbench package -DskipTests
dropdb -h 127.0.0.1 -U postgres --if-exists --force migma_cold
createdb -h 127.0.0.1 -U postgres migma_cold
start() {
    env SERVER_PORT=$PORT SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/migma_cold "$@" \
        java -Xmx1g -jar "$JAR" >> "$work/gateway.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null && return; sleep 1; done
    echo "gateway did not start" >&2; exit 1
}
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
start; kill $pid; wait $pid 2>/dev/null || true
python3 bench/seed-keys.py 400000 "$KEYS_FILE" migma_cold
from=0
for setting in MIGMA_USAGE_ENABLED=false MIGMA_USAGE_ENABLED=true; do
    start "$setting"
    FROM=$from COUNT=100000 wrk -t2 -c4 -d15s -s bench/keys.lua "http://127.0.0.1:$PORT" > /dev/null
    FROM=$((from + 100000)) COUNT=100000 wrk -t2 -c4 -d8s --latency -s bench/keys.lua "http://127.0.0.1:$PORT" \
        | awk -v s="$setting" '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
            END {print s ": cold requests " rps "/s, p50 " p50 ", p99 " p99}'
    kill $pid; wait $pid 2>/dev/null || true
    from=$((from + 200000))
done
