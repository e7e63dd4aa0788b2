#!/usr/bin/env bash
# Cold lookups with KEYS keys (default 1,000,000) in the table, measured three ways in the same window:
#   - the lookup itself: the gateway's histogram migma.apikey.loads (each cache miss: connection, query by the
#     unique hash index, row mapping), read from /actuator/prometheus before and after the timed run, so the
#     figures cover exactly that window: the share of lookups within each bound, and p50/p99 as bucket bounds;
#   - each cold request inside the gateway: http.server.requests, given the same bounds for this run (from the
#     first servlet filter until the response is written: parsing and the socket are outside it);
#   - each cold request inside Tomcat: its access log, one line per request with the microseconds from reading
#     the request line to the response's end (the poller, the hand-over to a request thread and the socket's
#     wait are outside it);
#   - each cold request end to end, as wrk sees it (p50/p99).
# Every timed request carries a key never sent before, after a 20 s warm-up on other never-seen keys (the JIT has
# compiled the loading path). Usage recording is on. Four runs, each on a fresh gateway and its own range of keys
# (PostgreSQL has not read them either): one connection (latency: no request waits for another) and four connections
# (saturation: the two cores shared by wrk, the gateway and PostgreSQL), each on the default JVM and on JAVA2 with
# JAVA2_OPTS (default: Temurin 25 with generational ZGC, when installed). First, the floor of this machine: the bare
# app (bench/bare) under the same wrk -c1, warm, whose end-to-end p99 no gateway request can be expected to beat.
#   bash bench/cold-lookup.sh      # KEYS, DURATION (10s); needs PostgreSQL on 127.0.0.1, wrk, curl, python3;
#                                  # about 7 minutes with 1,000,000 keys
set -euo pipefail
cd "$(dirname "$0")/.."
KEYS=${KEYS:-1000000}
DURATION=${DURATION:-10s}
JAVA2=${JAVA2:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAVA2_OPTS=${JAVA2_OPTS:--Xmx1g -XX:+UseZGC}
PORT=18098
DATABASE=migma_cold
VARIANTS=bare
source bench/lib.sh
variants_prepare
seed_keys "$KEYS"
echo "keys in the table: $(psql -h 127.0.0.1 -U postgres -d "$DATABASE" -Atc 'select count(*) from api_keys')"

# Both histograms share these bounds; the request timer is given them for this benchmark only.
BOUNDS=250us,500us,1ms,2ms,5ms,10ms,50ms
histograms() {
    curl -sf -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:$PORT/actuator/prometheus" \
        | grep -E '^(migma_apikey_loads_seconds_(bucket|count)|http_server_requests_seconds_(bucket|count)\{.*uri="/v1/webhooks/events")'
}

# Tomcat's access log, unbuffered, one line per request: its time in microseconds. access_lines marks where the timed
# window starts and ends; tomcat_summary prints the lines between.
TOMCAT_LOG=(SERVER_TOMCAT_ACCESSLOG_ENABLED=true SERVER_TOMCAT_ACCESSLOG_BUFFERED=false
    "SERVER_TOMCAT_ACCESSLOG_PATTERN=%{us}T" SERVER_TOMCAT_ACCESSLOG_DIRECTORY="$work/access")
access_lines() {
    cat "$work"/access/* 2>/dev/null | wc -l
}

tomcat_summary() { # label lines-before lines-after
    cat "$work"/access/* | head -n "$3" | tail -n +$(($2 + 1)) | python3 -c '
import sys
times = sorted(int(line) for line in sys.stdin if line.strip().isdigit())
at = lambda p: times[min(len(times) - 1, int(len(times) * p))] / 1000
print(f"{sys.argv[1]}: {len(times)}; p50 {at(0.5):.2f} ms, p90 {at(0.9):.2f} ms, p99 {at(0.99):.2f} ms, "
      f"p99.9 {at(0.999):.2f} ms")' "$1"
    rm -rf "$work/access"
}

wrk_summary() { # label file
    awk -v label="$1" '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /^non2xx/ {bad=$2}
        END {print label ": " rps " requests/s, p50 " p50 ", p99 " p99 ", non-2xx " (bad ? bad : 0)}' "$2"
}

measure() { # label connections first-key java options...
    local label=$1 connections=$2 first=$3 java=$4; shift 4
    local threads=$((connections < 2 ? connections : 2))
    export THREADS=$threads
    echo "== $label: $("$java" -version 2>&1 | head -1), $*, wrk -c$connections"
    start "${TOMCAT_LOG[@]}" "$java" "$@" "-Dmanagement.metrics.distribution.slo.http.server.requests=$BOUNDS"
    FROM=$first COUNT=$((KEYS / 20)) wrk -t"$threads" -c"$connections" -d20s -s bench/keys.lua "http://127.0.0.1:$PORT" \
        > /dev/null
    histograms > "$work/before"
    local from to
    from=$(access_lines)
    FROM=$((first + KEYS / 20)) COUNT=$((KEYS / 10)) wrk -t"$threads" -c"$connections" -d"$DURATION" --latency \
        -s bench/keys.lua "http://127.0.0.1:$PORT" > "$work/wrk.out"
    to=$(access_lines)
    histograms > "$work/after"
    stop
    wrk_summary "cold requests end to end" "$work/wrk.out"
    tomcat_summary "cold requests in Tomcat" "$from" "$to"
    python3 - "$work/before" "$work/after" <<'PY'
import re, sys

NAMES = {"migma_apikey_loads_seconds": "cold lookups", "http_server_requests_seconds": "cold requests in the gateway"}

def read(path):
    counts = {}
    for line in open(path):
        match = re.match(r'(\w+?)_(bucket|count)(\{[^}]*\})?\s+(\S+)', line)
        if match:
            bound = re.search(r'le="([^"]+)"', match.group(3) or "")
            key = (match.group(1), bound.group(1) if bound else "count")
            counts[key] = counts.get(key, 0) + float(match.group(4))
    return counts

before, after = read(sys.argv[1]), read(sys.argv[2])
for name, label in NAMES.items():
    total = after[(name, "count")] - before.get((name, "count"), 0)
    bounds = sorted((float(le), le) for metric, le in after if metric == name and le not in ("count", "+Inf"))
    shares = [(value, (after[(name, le)] - before.get((name, le), 0)) / total) for value, le in bounds]
    p50 = next((v for v, share in shares if share >= 0.50), None)
    p99 = next((v for v, share in shares if share >= 0.99), None)
    print(f"{label}: {total:.0f}; within " + ", ".join(f"{v * 1000:g} ms {s:.2%}" for v, s in shares))
    print(f"  p50 <= {p50 * 1000:g} ms, p99 <= {p99 * 1000:g} ms" if p99 else "  p99 above 50 ms")
PY
}

echo "== floor: the bare app, warm, wrk -c1"
set -f
start ${VARIANT_SETTINGS[bare]} "${TOMCAT_LOG[@]}" java -Xmx1g
set +f
wrk -t1 -c1 -d20s "http://127.0.0.1:$PORT$ROUTE" > /dev/null
from=$(access_lines)
wrk -t1 -c1 -d"$DURATION" --latency "http://127.0.0.1:$PORT$ROUTE" > "$work/wrk.out"
to=$(access_lines)
stop
wrk_summary "bare app end to end" "$work/wrk.out"
tomcat_summary "bare app in Tomcat" "$from" "$to"

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
