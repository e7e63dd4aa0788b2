#!/usr/bin/env bash
# How long each variant takes to reach its steady throughput from a cold start: one JVM at a time (the variants of
# bench/lib.sh: bare, steps-off, local, redis; or scg and proxy, on bench/proxy.sh's route), loaded without pause
# by wrk -t2 -cCONNECTIONS, printing requests/s and p99 for each INTERVAL. The side-by-side benchmarks
# (hot-path.sh, proxy.sh) measure after a fixed warm-up; this shows whether that warm-up reached steady state on both
# sides, since a JVM with more code to compile gets there later.
#
#   VARIANTS="scg proxy" bash bench/warm-up.sh   # VARIANTS (bare local), INTERVALS (16), INTERVAL (15s),
#                                                # CONNECTIONS (64); about 4.5 minutes a variant
# Each line also shows how far the JIT has got: methods compiled so far (jstat) and the CPU seconds the compiler
# threads have used so far (their /proc counters), so a throughput still moving can be told from a JIT still working.
# JAVA_OPTIONS adds JVM options to every variant, e.g. what the JIT does meanwhile:
#   JAVA_OPTIONS="-Xlog:deoptimization=debug:file=/tmp/deopt-%p.log:uptime" VARIANTS=local bash bench/warm-up.sh
set -euo pipefail
cd "$(dirname "$0")/.."
VARIANTS=${VARIANTS:-bare local}
INTERVALS=${INTERVALS:-16}
INTERVAL=${INTERVAL:-15s}
CONNECTIONS=${CONNECTIONS:-64}
PORT=18098
DATABASE=migma_warmup
source bench/lib.sh
variants_prepare
seed_keys 1 > /dev/null
key=$(head -1 "$KEYS_FILE")

set -f   # a variant's settings are split on blanks, and a route path like /orders/** is not a file pattern
jit() { # methods compiled so far, and the CPU seconds of the JVM's compiler threads so far
    local compiled ticks
    compiled=$(jstat -compiler "$pid" | awk 'NR == 2 {print $1}')
    # set +f: the loop below runs after set -f; a thread's stat is "tid (name) state ..." with a blank in the name
    ticks=$(set +f; for task in /proc/"$pid"/task/*; do
        if grep -q '^C[12] CompilerThre' "$task/comm" 2>/dev/null; then sed 's/^.*) //' "$task/stat"; fi
    done | awk '{ticks += $12 + $13} END {print ticks + 0}')
    echo "$compiled $(echo "scale=1; $ticks / $(getconf CLK_TCK)" | bc)"
}

echo "variant interval seconds-since-start requests/s p99 non-2xx compiled jit-cpu-s"
for variant in $VARIANTS; do
    start ${VARIANT_SETTINGS[$variant]} java -Xmx1g ${JAVA_OPTIONS:-}
    began=$SECONDS
    for i in $(seq 1 "$INTERVALS"); do
        wrk -t2 -c"$CONNECTIONS" -d"$INTERVAL" --latency -H "Authorization: Bearer $key" \
            "http://127.0.0.1:$PORT$ROUTE" > "$work/wrk.out"
        echo "$variant $i $((SECONDS - began)) $(awk '/Requests\/sec/ {rps = $2} $1 == "99%" {p99 = $2}
            /Non-2xx/ {bad = $NF} END {print rps, p99, bad + 0}' "$work/wrk.out") $(jit)"
    done
    stop
done
