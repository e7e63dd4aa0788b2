#!/usr/bin/env bash
# Scale: the gateway with KEYS keys (default 1,000,000) in its table, put there by bench/seed-keys.py.
#   1. cold lookups: every request a key never seen before (the directory loads it from PostgreSQL), wrk -c4;
#   2. throughput with 1, 1,000 and 100,000 distinct active keys in turn (after a warm-up that has seen them all),
#      ROUNDS rounds in alternation, each against the median of the 1-key runs;
#   3. heap after a full GC once every one of the KEYS keys has been seen (bounded caches keep it flat).
# Usage recording is on throughout. Needs PostgreSQL on 127.0.0.1, wrk, jq, jcmd, python3.
#   bash bench/scale.sh            # KEYS, ROUNDS (3), DURATION (10s), WARMUP (60s), HEAP (-Xmx, 1g)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools.sh
KEYS=${KEYS:-1000000}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-60s}
HEAP=${HEAP:-1g}
PORT=18097
ADMIN=scale-admin-token
JAR=target/migma-gateway-0.1.0-SNAPSHOT.jar
work=$(mktemp -d)
export KEYS_FILE=$work/keys.txt ROUTE=/v1/webhooks/events THREADS=2

./mvnw -B -q -Pbench package -DskipTests
dropdb -h 127.0.0.1 -U postgres --if-exists --force migma_scale
createdb -h 127.0.0.1 -U postgres migma_scale
start() {
    SERVER_PORT=$PORT SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/migma_scale MIGMA_ADMIN_TOKEN=$ADMIN \
        java -Xmx"$HEAP" -jar "$JAR" >> "$work/gateway.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null && return; sleep 1; done
    echo "gateway did not start" >&2; exit 1
}
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
start   # creates the schema
kill $pid; wait $pid 2>/dev/null || true
python3 bench/seed-keys.py "$KEYS" "$KEYS_FILE" migma_scale
echo "keys in the table: $(psql -h 127.0.0.1 -U postgres -d migma_scale -Atc 'select count(*) from api_keys')"
start

run() { # from count connections duration -> "requests/s p50 p99 non2xx"
    FROM=$1 COUNT=$2 wrk -t2 -c"$3" -d"$4" --latency -s bench/keys.lua "http://127.0.0.1:$PORT" > "$work/wrk.out"
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /^non2xx/ {bad=$2}
        END {print rps, p50, p99, bad}' "$work/wrk.out"
}

# 1. Cold: keys from the second half of the file, never sent before, after a warm-up that exercises the same path
#    on other never-seen keys (from the 400,000th on) so that the JIT has compiled the loading path too.
run 0 1 4 20s > /dev/null
run $((KEYS * 2 / 5)) $((KEYS / 10)) 4 20s > /dev/null
read -r rps p50 p99 bad < <(run $((KEYS / 2)) $((KEYS / 2)) 4 "$DURATION")
cold_rate=$(printf '%.0f' "$rps")
echo "cold lookups (each request a new key, 4 connections): $rps requests/s, p50 $p50, p99 $p99, non-2xx $bad"

# 2. Flat from 1 to 100,000 active keys.
for n in 1 1000 100000; do run 0 "$n" 64 "$WARMUP" > /dev/null; done
echo "round active-keys requests/s p50 p99 non-2xx"
declare -A results=()
for round in $(seq 1 "$ROUNDS"); do
    for n in 1 1000 100000; do
        read -r rps p50 p99 bad < <(run 0 "$n" 64 "$DURATION")
        echo "$round $n $rps $p50 $p99 $bad"
        results[$n]+="$rps "
    done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m}'; }
one=$(echo "${results[1]}" | median)
for n in 1000 100000; do
    m=$(echo "${results[$n]}" | median)
    echo "median with $n active keys: $m requests/s = $(echo "$m / $one" | bc -l | cut -c1-5) of the 1-key median ($one)"
done

# 3. Every key seen (most of them cold, 16 connections), then the heap after a full GC. The directory's miss count
#    shows how many keys were loaded; the caches hold at most MIGMA_CACHE_MAXIMUM_SIZE of them.
seconds=$(( KEYS * 12 / 10 / (cold_rate > 0 ? cold_rate : 1000) + 30 ))
echo "seeing all $KEYS keys: about ${seconds}s"
FROM=0 COUNT=$KEYS wrk -t2 -c16 -d"${seconds}s" -s bench/keys.lua "http://127.0.0.1:$PORT" | grep -E 'Requests/sec|^non2xx'
misses=$(curl -s "http://127.0.0.1:$PORT/actuator/prometheus" -H "Authorization: Bearer $ADMIN" \
    | awk '/^cache_gets_total\{.*cache="apiKeys".*result="miss"/ {print $2}')
echo "key directory misses (keys loaded from PostgreSQL): $misses"
sleep 130   # usage counted in the last minutes is flushed and its buffer entries leave
jcmd $pid GC.run > /dev/null; sleep 2
echo "heap after full GC, all keys seen: $(jcmd $pid GC.heap_info | awk '/used/ {print; exit}')"
