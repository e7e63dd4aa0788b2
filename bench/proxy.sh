#!/usr/bin/env bash
# The gateway's proxy routes against other ways of reaching the same upstream, in one run: GET /orders/items
# answered by an nginx upstream (a fixed JSON body) on 127.0.0.1:18090,
#   direct   the upstream itself, no proxy;
#   nginx    an nginx reverse proxy on 127.0.0.1:18091 (proxy_pass, upstream keepalive 64): the reference proxy;
#   scg      bench/bare-proxy, a bare Spring Cloud Gateway Server MVC app with one route, on Apache HttpClient 5;
#   gateway  this build with one proxy route (MIGMA_PROXY_ROUTES_0_*, scope orders:read) and a key of an
#            enterprise account holding orders:read, so every request is authenticated, rate-limited, recorded.
# The two nginx run as the current user from a temporary directory and are stopped on exit; nginx is installed
# if missing. The JVMs run at once and all four are loaded in alternating rounds (bench/compare.sh), then each is
# given against the direct upstream, and the gateway against nginx and against the bare SCG route (goal: >= 0.85).
#
#   bash bench/proxy.sh                       # ROUNDS (5), DURATION (10s), WARMUP (180s, the JVMs; the nginx 10s),
#                                             # CONNECTIONS (64); about 11 minutes. Both JVMs reach their steady
#                                             # throughput only after 105-150 s of load (bench/warm-up.sh)
#   ISOLATED=1 WARMUP=120s bash bench/proxy.sh  # a fresh JVM for every round and variant, alone on the machine
#                                             # (bench/compare.sh): the bare route's plateau moves by up to a third
#                                             # from one JVM start to the next (warm-up-4), so one start per side is
#                                             # one draw; about 28 minutes
#   OUT=/tmp/proxy.txt bash bench/proxy.sh    # the raw output goes there (default: a file under /tmp, printed at
#                                             # the end with where in docs/benchmarks it would be recorded)
# Needs what compare.sh needs (PostgreSQL and Redis on 127.0.0.1, wrk, jq, bc) and ports 18081-18082, 18090-18091.
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/record.sh
record_raw_output proxy "$@"

source bench/nginx.sh

NGINX_PORT=18091
export ROUTE=/orders/items PERMISSIONS='["orders:read"]' ADMIN_VARIANT=gateway EXPECT_STATUS=200
export ROUNDS=${ROUNDS:-5} DURATION=${DURATION:-10s} WARMUP=${WARMUP:-180s}
NGINX_WARMUP=${NGINX_WARMUP:-10s}   # no JIT: enough to open the connections

upstream_start
nginx_start proxy "$NGINX_PORT" "location /orders/ {
            proxy_pass http://orders;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
        }" "upstream orders {
        server 127.0.0.1:$UPSTREAM_PORT;
        keepalive 64;
    }"
echo "upstream and proxy: $(nginx -v 2>&1), worker_processes auto, access log off"
curl -sf "http://127.0.0.1:$NGINX_PORT$ROUTE" | grep -qF "$UPSTREAM_BODY" || { echo "the nginx proxy does not pass $ROUTE" >&2; exit 1; }

./mvnw -B -q -f bench/bare-proxy/pom.xml package

variants=("direct=URL=http://127.0.0.1:$UPSTREAM_PORT,WARMUP=$NGINX_WARMUP"
    "nginx=URL=http://127.0.0.1:$NGINX_PORT,WARMUP=$NGINX_WARMUP"
    "$(compare_variant scg)"
    "$(compare_variant proxy gateway)")
bash bench/compare.sh "${variants[@]}" | tee "$nginx_work/compare.out"

# Pairs within each round, like compare.sh's ratios against the baseline: the median of the rounds' throughput
# ratios and of their p99 differences.
echo
echo "pair requests/s-ratio p99-added (medians of the rounds' paired ratios and differences)"
awk '
    function ms(v) {
        if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
        if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
        if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
        return v + 0
    }
    function median(a, n,    i, j, t) {
        for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
        return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    $1 ~ /^[0-9]+$/ && NF == 7 {
        rps[$1, $2] = $3; p99[$1, $2] = ms($5); bad[$2] += $6 + $7
        if ($1 > rounds) rounds = $1
    }
    END {
        split("nginx/direct scg/direct gateway/direct gateway/nginx gateway/scg", pairs, " ")
        for (p = 1; p <= 5; p++) {
            split(pairs[p], v, "/"); n = 0
            for (r = 1; r <= rounds; r++) if (rps[r, v[1]] != "" && rps[r, v[2]] > 0) {
                n++; ratio[n] = rps[r, v[1]] / rps[r, v[2]]; gap[n] = p99[r, v[1]] - p99[r, v[2]]
            }
            if (n == 0) continue
            line = sprintf("%s %.3f %+.2fms", pairs[p], median(ratio, n), median(gap, n))
            if (pairs[p] == "gateway/scg") line = line sprintf(" (goal >= 0.85: %s)", median(ratio, n) >= 0.85 ? "met" : "not met")
            print line
        }
        for (variant in bad) if (bad[variant] > 0) print "warning: " variant " had " bad[variant] " non-2xx responses or socket errors"
    }' "$nginx_work/compare.out"
