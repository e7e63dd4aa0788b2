#!/usr/bin/env bash
# Where a cold request's end-to-end tail comes from. The gateway (local buckets, usage on) with KEYS keys in the
# table, warmed for WARMUP on never-seen keys, then loaded by one connection of never-seen keys for DURATION (as
# bench/cold-lookup.sh's latency run), and first the bare app (bench/bare) the same way, warm. Each run prints:
#   - wrk's latency figures, which wrk corrects for coordinated omission after the run (bench/raw-latency.lua says
#     how), and the requests' own latencies, timed one by one by bench/raw-latency.lua;
#   - for the gateway's run, each request over 1 ms set beside the collector's pauses and the usage flushes that
#     overlapped it (bench/slow-requests.py);
#   - for the gateway's run, recorded with `perf sched record -a`: the scheduler's worst delay of each task, and for
#     each kind of thread how many of its wake-ups waited more than 1 and more than 5 ms for a core, which is what
#     two cores shared by wrk, Tomcat's threads, PostgreSQL and the JVM's own would show if the tail were run-queue
#     delay.
#   bash bench/cold-tail.sh      # KEYS (1,000,000), WARMUP (20s), DURATION (10s); as root (perf, tracefs); about
#                                # 4 minutes
#   SETTINGS=MIGMA_USAGE_ENABLED=false bash bench/cold-tail.sh   # the gateway with other settings (VAR=value ...)
#   LOGS=dir bash bench/cold-tail.sh      # keeps the gateway's log, its GC log and the slow requests in dir
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java SETTINGS=JAVA_TOOL_OPTIONS=-XX:+UseZGC bash bench/cold-tail.sh
#                                         # the gateway on another JVM (the bare app's floor stays on java)
#   OUT=/tmp/cold-tail.txt bash bench/cold-tail.sh   # the raw output goes there, with the command and commit on top
#                                         # (default: a file under /tmp, printed at the end; bench/record.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/record.sh
record_raw_output cold-tail "$@"
KEYS=${KEYS:-1000000}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
PORT=18098
DATABASE=migma_tail
VARIANTS="bare local"
source bench/lib.sh
need perf=linux-perf
mountpoint -q /sys/kernel/tracing || mount -t tracefs nodev /sys/kernel/tracing
variants_prepare
seed_keys "$KEYS"
export THREADS=1

summary() { # wrk output
    grep -E 'Latency |^ +(50|90|99)%|requests in|non2xx|^raw' "$1"
}

echo "== floor: the bare app, warm, wrk -c1"
set -f
start ${VARIANT_SETTINGS[bare]} java -Xmx1g
set +f
FROM=0 COUNT=$((KEYS / 20)) wrk -t1 -c1 -d"$WARMUP" -s bench/raw-latency.lua "http://127.0.0.1:$PORT" > /dev/null
FROM=0 COUNT=$((KEYS / 20)) wrk -t1 -c1 -d"$DURATION" --latency -s bench/raw-latency.lua \
    "http://127.0.0.1:$PORT" > "$work/bare.out"
stop
summary "$work/bare.out"

echo "== cold requests through the gateway, wrk -c1 ${SETTINGS:-}"
# The collector's pauses and the usage flushes, with their wall-clock times, to set beside the slow requests.
# shellcheck disable=SC2086
start LOGGING_LEVEL_AI_MIGMA_GATEWAY_USAGE=debug ${SETTINGS:-} "${JAVA:-java}" -Xmx1g \
    "-Xlog:gc:file=$work/gc.log:timemillis"
# Warmed on keys of their own, as many as a long warm-up can send (4/5 of them): from 50,000 keys, a 60 s warm-up went
# round them several times, warming the JIT on known keys and leaving the timed run a usage flush of 50,000 keys.
FROM=$((KEYS / 5)) COUNT=$((KEYS - KEYS / 5)) wrk -t1 -c1 -d"$WARMUP" -s bench/keys.lua "http://127.0.0.1:$PORT" \
    > /dev/null
perf sched record -a -o "$work/sched.data" -- sh -c "FROM=$((KEYS / 20)) COUNT=$((KEYS / 10)) SLOW_OUT=$work/slow.txt \
    wrk -t1 -c1 -d$DURATION --latency -s bench/raw-latency.lua http://127.0.0.1:$PORT > $work/wrk.out" \
    > /dev/null 2>&1
stop
summary "$work/wrk.out"
echo "== requests over 1 ms, by what overlapped them"
python3 bench/slow-requests.py "$work/slow.txt" "$work/gc.log" "$work/gateway.log"
if [[ -n ${LOGS:-} ]]; then mkdir -p "$LOGS" && cp "$work/slow.txt" "$work/gc.log" "$work/gateway.log" "$LOGS"; fi
echo "== the scheduler's worst delay of each task (ms)"
perf sched latency -i "$work/sched.data" --sort max 2> /dev/null | awk '/\|/ && n++ < 16' | cut -c1-105
echo "== wake-ups that waited for a core, by kind of thread (100 wake-ups or more)"
perf sched timehist -i "$work/sched.data" 2> /dev/null | awk 'NR > 3 && NF >= 6 {
        task = $3; for (i = 4; i <= NF - 3; i++) task = task " " $i   # names may hold blanks (GC Thread#0)
        sub(/\[.*/, "", task)
        if (task ~ /^http-nio/) task = "Tomcat (poller and request threads)"
        delay = $(NF - 1) + 0; n[task]++; if (delay > 1) over1[task]++; if (delay > 5) over5[task]++
        if (delay > max[task]) max[task] = delay
    } END { for (t in n) if (n[t] >= 100) printf "%7d wake-ups, %5d over 1 ms, %3d over 5 ms, max %5.2f ms  %s\n",
        n[t], over1[t], over5[t], max[t], t }' | sort -nr
