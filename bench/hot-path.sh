#!/usr/bin/env bash
# The gateway's whole hot path against the bare endpoint: GET /v1/webhooks/events (no I/O in the controller) with a
# valid key on an effectively unlimited enterprise budget, usage recording on, against the same route of the same
# build with the gateway's steps switched off (profile bench). Both JVMs run at once and are loaded in alternating
# rounds after a warm-up each. Figures and history: docs/PERFORMANCE.md.
#
#   bash bench/hot-path.sh                              # ROUNDS, DURATION, WARMUP, CONNECTIONS as in compare.sh
#   PACE_MS=10 bash bench/hot-path.sh                   # latency at a load below saturation (compare.sh)
set -euo pipefail
export ROUTE=/v1/webhooks/events PERMISSIONS='["webhook:read"]'
export ROUNDS=${ROUNDS:-5} DURATION=${DURATION:-15s} WARMUP=${WARMUP:-90s}
exec bash "$(dirname "$0")/compare.sh" bare=SPRING_PROFILES_ACTIVE=bench gateway=SPRING_PROFILES_ACTIVE=default
