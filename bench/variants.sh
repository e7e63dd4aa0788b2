# Sourced by the benchmarks: the variants they run, by name, as environment settings (JAR=path runs another jar).
#   bare       no gateway at all (bench/bare);
#   steps-off  the gateway with its API chain off (profile bench);
#   local, redis  the whole gateway with each rate-limit backend;
#   scg        a bare Spring Cloud Gateway Server MVC route (bench/bare-proxy) to the upstream of bench/nginx.sh;
#   proxy      the gateway's proxy route to the same upstream, with a key holding its scope (orders:read).
# Single-JVM scripts (profile.sh, warm-up.sh) pass ${VARIANT_SETTINGS[name]} to bench/lib.sh's start; the
# side-by-side ones (hot-path.sh, proxy.sh) pass "$(compare_variant name)" to bench/compare.sh.
UPSTREAM_PORT=18090
# bare and scg keep connections for 1,000 requests like the gateway (Tomcat's default of 100 would make them
# reconnect for 1% of requests, which the gateway does not).
declare -gA VARIANT_SETTINGS=([bare]="JAR=bench/bare/target/bare-app.jar SERVER_TOMCAT_MAX_KEEP_ALIVE_REQUESTS=1000"
    [steps-off]="SPRING_PROFILES_ACTIVE=bench"
    [local]="MIGMA_RATE_LIMIT_BACKEND=local" [redis]="MIGMA_RATE_LIMIT_BACKEND=redis"
    [scg]="JAR=bench/bare-proxy/target/bare-proxy.jar SERVER_TOMCAT_MAX_KEEP_ALIVE_REQUESTS=1000"
    [proxy]="MIGMA_PROXY_ROUTES_0_ID=orders MIGMA_PROXY_ROUTES_0_PATH=/orders/** MIGMA_PROXY_ROUTES_0_SCOPES=orders:read
        MIGMA_PROXY_ROUTES_0_URI=http://127.0.0.1:$UPSTREAM_PORT")

compare_variant() { # name [label]: LABEL=VAR=value,VAR=value as bench/compare.sh takes it (label: the name)
    local settings
    read -r -d '' -a settings <<< "${VARIANT_SETTINGS[$1]}" || true
    local IFS=,
    echo "${2:-$1}=${settings[*]}"
}
