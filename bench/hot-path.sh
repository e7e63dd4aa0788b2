#!/usr/bin/env bash
# The gateway's whole hot path against no gateway at all: GET /v1/webhooks/events with a valid key on an effectively
# unlimited enterprise budget, usage recording on, against bench/bare, a Spring Boot app of one controller and only
# spring-boot-starter-webmvc serving the same JSON. The gateway runs twice, with local buckets and with Redis
# buckets. All JVMs run at once and are loaded in alternating rounds after a warm-up each (bench/compare.sh).
# Figures and history: docs/PERFORMANCE.md.
#
#   bash bench/hot-path.sh                  # ROUNDS (5), DURATION (10s), WARMUP (180s), CONNECTIONS (64); ~13
#                                           # minutes (runs up to 33 were warmed for 90 s; bench/warm-up.sh finds
#                                           # the gateway steady after 75-90 s of load, and 105-150 s when proxying)
#   STEPS_OFF=1 bash bench/hot-path.sh      # adds the gateway with its API chain off (profile bench): what the
#                                           # chain costs, apart from what the rest of the gateway costs
#   PACE_MS=10 bash bench/hot-path.sh       # latency at a load below saturation (compare.sh)
#   ISOLATED=1 WARMUP=90s bash bench/hot-path.sh  # one JVM at a time, started afresh for every round and
#                                           # variant, alone on the machine as a deployment runs one or the other
#                                           # (compare.sh); about 25 minutes
#   REDIS=0 bash bench/hot-path.sh          # leaves out the gateway with Redis buckets (a third shorter)
#   LOCAL=0 bash bench/hot-path.sh          # leaves out the gateway with local buckets instead: each goal of
#                                           # issue 21 counted in runs of its own, in the same time
#   OUT=/tmp/hot-path.txt bash bench/hot-path.sh  # the raw output goes there, with the command and commit on top
#                                           # (default: a file under /tmp, printed at the end; bench/record.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/record.sh
record_raw_output hot-path "$@"
export ROUTE=/v1/webhooks/events PERMISSIONS='["webhook:read"]'
export ROUNDS=${ROUNDS:-5} DURATION=${DURATION:-10s} WARMUP=${WARMUP:-180s}
./mvnw -B -q -f bench/bare/pom.xml package -DskipTests
source bench/variants.sh
variants=("$(compare_variant bare)")
if [ "${LOCAL:-1}" = 1 ]; then
    variants+=("$(compare_variant local)")
fi
if [ "${REDIS:-1}" = 1 ]; then
    variants+=("$(compare_variant redis)")
fi
if [ ${#variants[@]} = 1 ]; then
    echo "LOCAL=0 and REDIS=0 leave no gateway to measure" >&2
    exit 2
fi
# The key is made through the first gateway's admin API (the bare app has none): its label, before the first "=".
export ADMIN_VARIANT=${variants[1]%%=*}
if [ "${STEPS_OFF:-0}" = 1 ]; then
    variants+=("$(compare_variant steps-off)")
fi
exec bash bench/compare.sh "${variants[@]}"
