#!/usr/bin/env bash
# Cold lookups with KEYS keys (default 1,000,000) in the table, measured two ways in the same window:
#   - the lookup itself: the gateway's histogram migma.apikey.loads (each cache miss: connection, query by the
#     unique hash index, row mapping), read from /actuator/prometheus before and after the timed run, so the
#     figures cover exactly that window: the share of lookups within each bound, and p50/p99 as bucket bounds;
#   - each cold request end to end, as wrk sees it (p50/p99).
# Every timed request carries a key never sent before, after a 20 s warm-up on other never-seen keys (the JIT has
# compiled the loading path). Usage recording is on. Four runs, each on a fresh gateway and its own range of keys
# (PostgreSQL has not read them either): one connection (latency: no request waits for another) and four connections
# (saturation: the two cores shared by wrk, the gateway and PostgreSQL), each on the default JVM and on JAVA2 with
# JAVA2_OPTS (default: Temurin 25 with generational ZGC, when installed).
#   bash bench/cold-lookup.sh      # KEYS, DURATION (10s); needs PostgreSQL on 127.0.0.1, wrk, curl, python3;
#                                  # about 6 minutes with 1,000,000 keys
set -euo pipefail
cd "$(dirname "$0")/.."
KEYS=${KEYS:-1000000}
DURATION=${DURATION:-10s}
JAVA2=${JAVA2:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAVA2_OPTS=${JAVA2_OPTS:--Xmx1g -XX:+UseZGC}
PORT=18098
DATABASE=migma_cold
source bench/lib.sh
seed_keys "$KEYS"
echo "keys in the table: $(psql -h 127.0.0.1 -U postgres -d "$DATABASE" -Atc 'select count(*) from api_keys')"

loads() {
    curl -sf -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:$PORT/actuator/prometheus" \
        | grep -E '^migma_apikey_loads_seconds_(bucket|count)'
}

measure() { # label connections first-key java options...
    local label=$1 connections=$2 first=$3 java=$4; shift 4
    local threads=$((connections < 2 ? connections : 2))
    export THREADS=$threads
    echo "== $label: $("$java" -version 2>&1 | head -1), $*, wrk -c$connections"
    start "$java" "$@"
    FROM=$first COUNT=$((KEYS / 20)) wrk -t"$threads" -c"$connections" -d20s -s bench/keys.lua "http://127.0.0.1:$PORT" \
        > /dev/null
    loads > "$work/before"
    FROM=$((first + KEYS / 20)) COUNT=$((KEYS / 10)) wrk -t"$threads" -c"$connections" -d"$DURATION" --latency \
        -s bench/keys.lua "http://127.0.0.1:$PORT" > "$work/wrk.out"
    loads > "$work/after"
    stop
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /^non2xx/ {bad=$2}
        END {print "cold requests end to end: " rps " requests/s, p50 " p50 ", p99 " p99 ", non-2xx " (bad ? bad : 0)}' \
        "$work/wrk.out"
    python3 - "$work/before" "$work/after" <<'PY'
import re, sys

def read(path):
    counts = {}
    for line in open(path):
        match = re.match(r'migma_apikey_loads_seconds_(bucket|count)(?:\{le="([^"]+)"\})?\S*\s+(\S+)', line)
        if match:
            counts[match.group(2) or "count"] = float(match.group(3))
    return counts

before, after = read(sys.argv[1]), read(sys.argv[2])
total = after["count"] - before["count"]
bounds = sorted((float(le), le) for le in after if le not in ("count", "+Inf"))
shares = [(value, (after[le] - before.get(le, 0)) / total) for value, le in bounds]
p50 = next((v for v, share in shares if share >= 0.50), None)
p99 = next((v for v, share in shares if share >= 0.99), None)
print(f"cold lookups: {total:.0f}; within " + ", ".join(f"{v * 1000:g} ms {s:.2%}" for v, s in shares))
print(f"lookup p50 <= {p50 * 1000:g} ms, p99 <= {p99 * 1000:g} ms" if p99 else "lookup p99 above 50 ms")
PY
}

# Each run draws its keys from its own quarter of the table (at most 0.15 of it), so none was seen before.
measure "latency" 1 0 java -Xmx1g
if [ -x "$JAVA2" ]; then
    # shellcheck disable=SC2086
    measure "latency, second JVM" 1 $((KEYS / 4)) "$JAVA2" $JAVA2_OPTS
fi
measure "saturation" 4 $((KEYS / 2)) java -Xmx1g
if [ -x "$JAVA2" ]; then
    # shellcheck disable=SC2086
    measure "saturation, second JVM" 4 $((KEYS * 3 / 4)) "$JAVA2" $JAVA2_OPTS
fi
