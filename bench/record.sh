# Sourced by the benchmarks whose raw output docs/benchmarks keeps (cold-tail.sh, hot-path.sh, proxy.sh) before
# anything else: `record_raw_output NAME "$@"` runs the calling script again with everything it prints copied to OUT
# (default: a file under /tmp), under a header naming the command as run (with the settings below that change a run)
# and the date and commit, which is the form docs/benchmarks keeps its raw files in; then exits with the script's
# status and says where the file would go. Inside that second run it returns at once.
record_raw_output() { # name [arguments of the script]
    local name=$1; shift
    [ -z "${BENCH_RAW_OUT:-}" ] || return 0
    local script=bench/$(basename "$0") commit settings= setting status last
    OUT=${OUT:-${TMPDIR:-/tmp}/$name-$(date +%F-%H%M%S).txt}
    commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    git diff --quiet HEAD 2>/dev/null || commit="$commit with uncommitted changes"
    for setting in ISOLATED STEPS_OFF LOCAL REDIS KEYS ROUNDS DURATION WARMUP NGINX_WARMUP CONNECTIONS PACE_MS JAVA JAVA_OPTS \
        SETTINGS; do
        [ -z "${!setting:-}" ] || settings+="$setting='${!setting}' "
    done
    printf '# %sbash %s\n# %s, commit %s\n' "$settings" "$script" "$(date +%F)" "$commit" > "$OUT"
    set +e
    BENCH_RAW_OUT=$OUT bash "$script" "$@" 2>&1 | tee -a "$OUT"
    status=${PIPESTATUS[0]}
    set -e
    # Package installs and PostgreSQL's notices are the machine's, not the run's.
    sed -i '/^installing \|^NOTICE: /d' "$OUT"
    last=$(find docs/benchmarks -name "$name-[0-9]*.txt" 2>/dev/null | sed "s#.*/$name-\([0-9]*\)-.*#\1#" \
        | sort -n | tail -1)
    echo "raw output: $OUT"
    echo "to record it: cp $OUT docs/benchmarks/$name-$((${last:--1} + 1))-WHAT-$(date +%F).txt," \
        "and a row in docs/benchmarks/README.md"
    exit "$status"
}
