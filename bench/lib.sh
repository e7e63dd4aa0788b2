# Sourced by the benchmarks that run one gateway at a time (allocation.sh, cold-lookup.sh, profile.sh): builds the
# jar, gives them a fresh database DATABASE, starts and stops one gateway on PORT against it, and removes everything
# on exit.
# Set PORT and DATABASE before sourcing; afterwards $work is a temporary directory and $pid the running gateway.
# JAR=path runs another build's jar (copied aside: target/ is rebuilt here) instead of this one's.
source bench/tools.sh
JAR=${JAR:-target/migma-gateway-0.1.0-SNAPSHOT.jar}
ADMIN=bench-admin-token
work=$(mktemp -d)
pid=
export KEYS_FILE=$work/keys.txt ROUTE=/v1/webhooks/events THREADS=2
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT

./mvnw -B -q -Pbench package -DskipTests
dropdb -h 127.0.0.1 -U postgres --if-exists --force "$DATABASE"
createdb -h 127.0.0.1 -U postgres "$DATABASE"

start() { # [VAR=value...] [JAR=path] java [java options...]
    local settings=() jar=$JAR
    while [[ $1 == *=* ]]; do
        if [[ $1 == JAR=* ]]; then jar=${1#JAR=}; else settings+=("$1"); fi
        shift
    done
    env SERVER_PORT="$PORT" SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DATABASE" \
        MIGMA_ADMIN_TOKEN=$ADMIN "${settings[@]}" "$@" -jar "$jar" >> "$work/gateway.log" 2>&1 &
    pid=$!
    # Any HTTP answer: Spring Boot opens the port once the context is ready (bench/bare has no actuator).
    for _ in $(seq 1 90); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && return; sleep 1; done
    echo "gateway did not start" >&2; exit 1
}

stop() {
    kill "$pid"; wait "$pid" 2>/dev/null || true
}

seed_keys() { # count: the schema from a first start, then count keys straight into the table (bench/seed-keys.py)
    start java -Xmx1g
    stop
    python3 bench/seed-keys.py "$1" "$KEYS_FILE" "$DATABASE"
}

# The variants the single-JVM benchmarks (profile.sh, warm-up.sh) run, by name, as settings for start():
#   bare       no gateway at all (bench/bare);
#   steps-off  the gateway with its API chain off (profile bench);
#   local, redis  the whole gateway with each rate-limit backend;
#   scg        a bare Spring Cloud Gateway Server MVC route (bench/bare-proxy) to the upstream of bench/nginx.sh;
#   proxy      the gateway's proxy route to the same upstream, with a key holding its scope.
# variants_prepare builds what the variants in VARIANTS need; with scg or proxy among them, it starts the upstream
# and the route becomes bench/proxy.sh's (so these two are not mixed with the others in one run).
variants_prepare() {
    ./mvnw -B -q -f bench/bare/pom.xml package -DskipTests
    if [[ " $VARIANTS " =~ " "(scg|proxy)" " ]]; then
        source bench/nginx.sh
        upstream_start
        ROUTE=/orders/items
        export KEY_PERMISSIONS=orders:read
        ./mvnw -B -q -f bench/bare-proxy/pom.xml package
    fi
    local redis=SPRING_DATA_REDIS_URL=redis://127.0.0.1:6379
    declare -gA VARIANT_SETTINGS=([bare]="JAR=bench/bare/target/bare-app.jar"
        [steps-off]="SPRING_PROFILES_ACTIVE=bench $redis"
        [local]="MIGMA_RATE_LIMIT_BACKEND=local $redis" [redis]="MIGMA_RATE_LIMIT_BACKEND=redis $redis"
        [scg]="JAR=bench/bare-proxy/target/bare-proxy.jar SERVER_TOMCAT_MAX_KEEP_ALIVE_REQUESTS=1000"
        [proxy]="MIGMA_PROXY_ROUTES_0_ID=orders MIGMA_PROXY_ROUTES_0_PATH=/orders/** $redis
            MIGMA_PROXY_ROUTES_0_SCOPES=orders:read MIGMA_PROXY_ROUTES_0_URI=http://127.0.0.1:${UPSTREAM_PORT:-0}")
}
