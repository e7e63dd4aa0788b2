#!/usr/bin/env bash
# Compares gateways of one build that differ only in their environment: each variant is started on its own port
# against one database, then all are loaded in alternating rounds with wrk on the same route and the same key (of
# an enterprise account with an effectively unlimited budget, so every request takes the admitted path).
#
#   bash bench/compare.sh NAME=VAR=value,VAR=value NAME=... # the first variant is the baseline
#   ROUNDS=5 DURATION=20s bash bench/compare.sh ...           # needs PostgreSQL and Redis on 127.0.0.1, wrk, jq, bc
#
# Prints one line per round and variant, then the median throughput ratio of each variant against the baseline and
# the median of each variant's p99s.
# ISOLATED=1 runs one JVM at a time instead (started, warmed for WARMUP, measured, stopped, for every round and
# variant), so that no idle JVM's JIT compiler competes for the two cores with the one being measured.
# PACE_MS=N paces the timed rounds: each connection waits N ms after every response (bench/paced.lua), so both
# JVMs serve the same load below saturation and p50/p99 show what a request costs, not how long the queue is.
# JAVA_OPTS adds JVM options to every variant, e.g. JAVA_OPTS='-Xlog:gc:file=/tmp/gc-%p.log' to compare GC pauses;
# JAVA runs every variant on another JVM, e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java JAVA_OPTS=-XX:+UseZGC.
# JAR=path among a variant's settings runs that jar instead of this build's, to compare two builds side by side
# (copy the other build's target/*.jar aside first: this script rebuilds target/ before it starts), or another app
# (bench/bare). ADMIN_VARIANT names the variant whose admin API creates the benchmark key (the first by default).
# URL=http://host:port among a variant's settings loads a server already running there (bench/proxy.sh: an
# nginx): it is neither started nor stopped, and takes no port. WARMUP=duration among a variant's settings overrides
# WARMUP for it. EXPECT_STATUS=200 stops before the warm-up unless every variant answers ROUTE with that status.
# bench/rate-limit-step.sh and bench/usage-recording.sh are the comparisons measured so far.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools.sh

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-120s}   # per variant: the JIT needs about a minute of load on 2 cores
CONNECTIONS=${CONNECTIONS:-64}
ROUTE=${ROUTE:-/v1/projects/not-a-project}   # no SQL in the controller: a JSON 404 through the whole chain
PERMISSIONS=${PERMISSIONS:-[]}                # of the benchmark key, a JSON array
ADMIN_TOKEN=bench-admin-token
VARIANTS=()
declare -A PORT=() SETTINGS=() URL=() WARMUP_OF=()
port=18081
for spec in "$@"; do
    name=${spec%%=*}
    VARIANTS+=("$name")
    SETTINGS[$name]=${spec#*=}
    if [[ ,${SETTINGS[$name]}, =~ ,URL=([^,]*), ]]; then
        URL[$name]=${BASH_REMATCH[1]}
    else
        PORT[$name]=$port
        URL[$name]=http://127.0.0.1:$port
        port=$((port + 1))
    fi
    WARMUP_OF[$name]=$WARMUP
    if [[ ,${SETTINGS[$name]}, =~ ,WARMUP=([^,]*), ]]; then
        WARMUP_OF[$name]=${BASH_REMATCH[1]}
    fi
done
[ ${#VARIANTS[@]} -ge 2 ] || { echo "usage: $0 BASELINE=VAR=value,... VARIANT=VAR=value,..." >&2; exit 2; }
baseline=${VARIANTS[0]}
JAR=target/migma-gateway-0.1.0-SNAPSHOT.jar
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

./mvnw -B -q -Pbench package -DskipTests
dropdb -h 127.0.0.1 -U postgres --if-exists --force migma_bench
createdb -h 127.0.0.1 -U postgres migma_bench

echo "every variant on: $("${JAVA:-java}" -version 2>&1 | head -1), -Xmx1g ${JAVA_OPTS:-}"
declare -A PID=()
start() { # variant
    local settings=() setting jar=$JAR
    if [ -z "${PORT[$1]:-}" ]; then # already running
        curl -s -o /dev/null "${URL[$1]}/" || { echo "$1: nothing answers at ${URL[$1]}" >&2; exit 1; }
        return
    fi
    IFS=',' read -r -a settings <<< "${SETTINGS[$1]}"
    for setting in "${!settings[@]}"; do
        if [[ ${settings[$setting]} == JAR=* ]]; then
            jar=${settings[$setting]#JAR=}
            unset "settings[$setting]"
        elif [[ ${settings[$setting]} == WARMUP=* ]]; then
            unset "settings[$setting]"
        fi
    done
    env SERVER_PORT="${PORT[$1]}" \
        SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/migma_bench \
        MIGMA_ADMIN_TOKEN=$ADMIN_TOKEN \
        SPRING_DATA_REDIS_URL=redis://127.0.0.1:6379 \
        "${settings[@]}" \
        "${JAVA:-java}" -Xmx1g ${JAVA_OPTS:-} -jar "$jar" >> "$work/$1.log" 2>&1 &
    PID[$1]=$!
    pids+=($!)
    # One at a time: Flyway must not race itself on a fresh database. Any HTTP answer will do (the bare app has
    # no actuator): Spring Boot opens the port only once the context is ready.
    for _ in $(seq 1 90); do
        curl -s -o /dev/null "http://127.0.0.1:${PORT[$1]}/" && break
        sleep 1
    done
}
stop() { # variant
    [ -n "${PID[$1]:-}" ] || return 0
    kill "${PID[$1]}" 2>/dev/null || true
    wait "${PID[$1]}" 2>/dev/null || true
}

ISOLATED=${ISOLATED:-0}
ADMIN_VARIANT=${ADMIN_VARIANT:-$baseline}
if [ "$ISOLATED" = 1 ]; then
    start "$ADMIN_VARIANT"
else
    for variant in "${VARIANTS[@]}"; do start "$variant"; done
fi

base=${URL[$ADMIN_VARIANT]}
account=$(curl -sf -X POST "$base/admin/v1/accounts" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' -d '{"name":"bench","plan":"enterprise","rateLimitPerMinute":1000000000}' \
    | jq -r .data.account.id)
key=$(curl -sf -X POST "$base/admin/v1/accounts/$account/api-keys" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' -d "{\"name\":\"bench\",\"environment\":\"test\",\"permissions\":$PERMISSIONS}" \
    | jq -r .data.apiKey.key)

load() { # variant duration [wrk options] -> "requests/s p50 p99 non-2xx-or-3xx socket-errors"
    local variant=$1 duration=$2; shift 2
    wrk -t2 -c"$CONNECTIONS" -d"$duration" --latency -H "Authorization: Bearer $key" "$@" \
        "${URL[$variant]}$ROUTE" > "$work/wrk.out"
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
        /Socket errors/ {err=$0; gsub(/[^0-9 ]/, "", err); split(err, e, " "); errs=e[1]+e[2]+e[3]+e[4]}
        END {print rps, p50, p99, bad+0, errs+0}' "$work/wrk.out"
}

if [ "$ISOLATED" = 1 ]; then
    stop "$ADMIN_VARIANT"
else
    for variant in "${VARIANTS[@]}"; do
        echo "$variant (${SETTINGS[$variant]}): rate-limit headers of one response:"
        curl -s -D - -o /dev/null -H "Authorization: Bearer $key" "${URL[$variant]}$ROUTE" \
            | grep -i ratelimit || echo "  none"
        if [ -n "${EXPECT_STATUS:-}" ]; then
            status=$(curl -s -o "$work/body" -w '%{http_code}' -H "Authorization: Bearer $key" "${URL[$variant]}$ROUTE")
            echo "  status $status, body $(head -c 300 "$work/body")"
            [ "$status" = "$EXPECT_STATUS" ] || { echo "$variant: $ROUTE answered $status, not $EXPECT_STATUS" >&2; exit 1; }
        fi
    done
    for variant in "${VARIANTS[@]}"; do load "$variant" "${WARMUP_OF[$variant]}" > /dev/null; done
fi

# PACE_MS: the timed rounds (not the warm-up) wait that long between a connection's requests (bench/paced.lua).
PACED=()
if [ -n "${PACE_MS:-}" ]; then
    export PACE_MS
    PACED=(-s bench/paced.lua)
fi

declare -A ratios p99s p99_gaps
to_ms() { # a wrk latency (950.00us, 12.3ms, 1.02s) in milliseconds
    case $1 in
        *us) echo "${1%us} / 1000" | bc -l ;;
        *ms) echo "${1%ms}" ;;
        *s) echo "${1%s} * 1000" | bc -l ;;
    esac
}
echo "round variant requests/s p50 p99 non-2xx/3xx socket-errors"
for round in $(seq 1 "$ROUNDS"); do
    declare -A rps=() p99_of=()
    for variant in "${VARIANTS[@]}"; do
        if [ "$ISOLATED" = 1 ]; then
            start "$variant"
            load "$variant" "${WARMUP_OF[$variant]}" > /dev/null
        fi
        read -r r p50 p99 bad errs < <(load "$variant" "$DURATION" "${PACED[@]}")
        if [ "$ISOLATED" = 1 ]; then
            stop "$variant"
        fi
        rps[$variant]=$r
        p99_of[$variant]=$p99
        p99s[$variant]+="$(to_ms "$p99") "
        echo "$round $variant $r $p50 $p99 $bad $errs"
    done
    for variant in "${VARIANTS[@]:1}"; do
        ratios[$variant]+="$(echo "${rps[$variant]} / ${rps[$baseline]}" | bc -l) "
        p99_gaps[$variant]+="$(echo "$(to_ms "${p99_of[$variant]}") - $(to_ms "${p99_of[$baseline]}")" | bc -l) "
    done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
for variant in "${VARIANTS[@]:1}"; do
    echo "median throughput ratio $variant/$baseline: $(echo "${ratios[$variant]}" | median)"
done
base_p99=$(echo "${p99s[$baseline]}" | median)
echo "median p99 $baseline: $base_p99 ms"
for variant in "${VARIANTS[@]:1}"; do
    p99=$(echo "${p99s[$variant]}" | median)
    echo "median p99 $variant: $p99 ms ($(printf '%+.2f' "$(echo "$p99 - $base_p99" | bc -l)") ms against $baseline;" \
        "median of the rounds' paired differences $(printf '%+.2f' "$(echo "${p99_gaps[$variant]}" | median)") ms)"
done
