#!/usr/bin/env bash
# Where the CPU goes: async-profiler (from Maven Central) samples the bare route and the gateway's hot path, one
# JVM at a time, each after a warm-up, under the same wrk load as bench/hot-path.sh, then prints CPU samples per
# 1,000 requests by where they were taken, side by side (EVENT=lock: time spent waiting for locks instead). The
# collapsed stacks stay in OUT for a closer look (flame graphs: https://github.com/async-profiler/async-profiler,
# `jfrconv` or any collapsed-stack viewer).
#
#   bash bench/profile.sh      # WARMUP (90s), DURATION (30s), CONNECTIONS (64), OUT (target/profile); about 9 minutes
#   EVENT=lock bash bench/profile.sh   # time threads waited for a contended lock instead, by lock and by taker
#   VARIANTS="scg proxy" bash bench/profile.sh   # proxied requests instead (bench/proxy.sh's route and upstream):
#                                                # a bare Spring Cloud Gateway route against the gateway's
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${WARMUP:-90s}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
OUT=${OUT:-target/profile}
EVENT=${EVENT:-cpu}
case $EVENT in
    cpu) sampling=event=cpu,interval=1ms,threads; counter= ;;
    lock) sampling=event=lock,lock=0,threads; counter=,total ;;   # every contended acquisition, in nanoseconds
    *) echo "EVENT is cpu or lock" >&2; exit 2 ;;
esac
PORT=18098
DATABASE=migma_prof
VARIANTS=${VARIANTS:-bare steps-off local redis}
source bench/lib.sh
variants_prepare
seed_keys 1 > /dev/null
key=$(head -1 "$KEYS_FILE")

./mvnw -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.2:jar:linux-x64 -DoutputDirectory="$work"
unzip -q -o "$work/async-profiler-4.2-linux-x64.jar" 'linux-x64/*' -d "$work"
agent=$work/linux-x64/libasyncProfiler.so
mkdir -p "$OUT"

load() { # duration
    wrk -t2 -c"$CONNECTIONS" -d"$1" -H "Authorization: Bearer $key" "http://127.0.0.1:$PORT$ROUTE"
}

profile() { # label [environment settings...]
    local label=$1; shift
    start "$@" java -Xmx1g
    load "$WARMUP" > /dev/null
    jcmd "$pid" JVMTI.agent_load "$agent" "\"start,$sampling\"" \
        | grep 'return code: 0' > /dev/null || { echo "async-profiler did not start" >&2; exit 1; }
    load "$DURATION" > "$OUT/$label.wrk"
    jcmd "$pid" JVMTI.agent_load "$agent" "\"stop,collapsed$counter,file=$(realpath "$OUT")/$label.collapsed\"" \
        > /dev/null
    [ -s "$OUT/$label.collapsed" ] || { echo "async-profiler wrote no profile" >&2; exit 1; }
    stop
    grep -E 'Requests/sec|Non-2xx' "$OUT/$label.wrk" | sed "s/^/$label: /"
}

set -f   # a variant's settings are split on blanks, and a route path like /orders/** is not a file pattern
reports=()
for variant in $VARIANTS; do
    profile "$variant" ${VARIANT_SETTINGS[$variant]}
    reports+=("$OUT/$variant")
done
python3 bench/profile-report.py --event "$EVENT" "${reports[@]}"
