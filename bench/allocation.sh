#!/usr/bin/env bash
# Bytes the JVM allocates per request, the figure behind the young collections that set this machine's latency
# tail, and one that does not move with the machine's noise the way requests/s do. Read from the threads' own
# allocation counters (jcmd Thread.print -e, every thread of the JVM, background threads included) before and after
# a timed wrk run, divided by the requests wrk completed in it. Five measures, each on a fresh JVM, one at a time,
# after a warm-up on the same kind of request:
#   bare app      GET /v1/webhooks/events on bench/bare (the baseline of bench/hot-path.sh), one key sent
#   bare          the same in the gateway's profile bench (the gateway's steps switched off), one key
#   gateway       the same route through the whole gateway, one key (the hot path)
#   100k keys     the same, 100,000 keys taken in turn, all cached after the warm-up
#   cold          the same, every request a key never sent before (a cache miss: the lookup in PostgreSQL)
#   bash bench/allocation.sh      # KEYS (default 400,000: 200,000 for the cold run), DURATION (15s),
#                                 # MEASURES (default all: "bare-app bare gateway 100k cold"), JAVA (java);
#                                 # needs PostgreSQL, wrk, jcmd, jstat, python3
set -euo pipefail
cd "$(dirname "$0")/.."
KEYS=${KEYS:-400000}
DURATION=${DURATION:-15s}
PORT=18097
DATABASE=migma_alloc
MEASURES=${MEASURES:-bare-app bare gateway 100k cold}
JAVA=${JAVA:-java}
jdk_bin=$(dirname "$(readlink -f "$(command -v "$JAVA")")") # jcmd and jstat of the JVM measured
wanted() { [[ " $MEASURES " =~ " $1 " ]]; }
for measure in $MEASURES; do
    case $measure in bare-app | bare | gateway | 100k | cold) ;; *) echo "unknown measure: $measure" >&2; exit 2 ;; esac
done
source bench/lib.sh
# The bare app as bench/hot-path.sh runs it (built, and with its keep-alive settings), when it is measured.
VARIANTS=$(wanted bare-app && echo bare || true)
variants_prepare
seed_keys "$KEYS" > /dev/null

allocated() { # the sum of every live thread's allocation counter, in bytes
    "$jdk_bin/jcmd" "$pid" Thread.print -e | grep -oE 'allocated=[0-9]+[BKMG]' | awk -F= '
        {n = $2 + 0; u = substr($2, length($2)); total += n * (u == "G" ? 2^30 : u == "M" ? 2^20 : u == "K" ? 2^10 : 1)}
        END {printf "%.0f\n", total}'
}
young_collections() {
    "$jdk_bin/jstat" -gc "$pid" | awk 'NR == 1 {for (i = 1; i <= NF; i++) h[i] = $i}
        NR == 2 {for (i = 1; i <= NF; i++) if (h[i] == "YGC") print $i}'
}
load() { # from count duration [wrk options]
    local from=$1 count=$2 duration=$3; shift 3
    FROM=$from COUNT=$count wrk -t2 -c8 -d"$duration" "$@" -s bench/keys.lua "http://127.0.0.1:$PORT"
}
measure() { # label warm-up-from warm-up-count measured-from measured-count [environment settings...]
    local label=$1 warm=$2 warm_count=$3 from=$4 count=$5; shift 5
    start "$@" "$JAVA" -Xmx1g
    load "$warm" "$warm_count" 30s > /dev/null
    local bytes gcs
    bytes=$(allocated); gcs=$(young_collections)
    load "$from" "$count" "$DURATION" > "$work/wrk.out"
    bytes=$(( $(allocated) - bytes )); gcs=$(( $(young_collections) - gcs ))
    stop
    local requests
    requests=$(awk '/requests in/ {print $1}' "$work/wrk.out")
    if [ "$count" -gt 1 ] && [ "$requests" -gt "$count" ]; then
        echo "$label: $requests requests but only $count keys: some were sent twice; raise KEYS" >&2
    fi
    printf '%-9s %9d requests, %6.0f bytes per request, %3d young collections (%.1f per 100,000 requests), non-2xx %s\n' \
        "$label" "$requests" "$(echo "$bytes / $requests" | bc -l)" "$gcs" "$(echo "$gcs * 100000 / $requests" | bc -l)" \
        "$(awk '/^non2xx/ {print $2}' "$work/wrk.out")"
}

# One key (the first), then 100,000 keys in turn (warm-up and timed run on the same ones: all cached), then cold:
# the warm-up and the timed run on two ranges of keys never sent before.
"$JAVA" -version 2>&1 | head -1
if wanted bare-app; then measure "bare app" 0 1 0 1 ${VARIANT_SETTINGS[bare]}; fi
if wanted bare; then measure bare 0 1 0 1 SPRING_PROFILES_ACTIVE=bench; fi
if wanted gateway; then measure gateway 0 1 0 1; fi
if wanted 100k; then measure "100k keys" 0 100000 0 100000; fi
if wanted cold; then measure cold 100000 100000 200000 $((KEYS - 200000)); fi
