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

# variants_prepare builds what the variants in VARIANTS (bench/variants.sh) need; with scg or proxy among them it
# starts the upstream and the route becomes bench/proxy.sh's (so these two are not mixed with the others in a run).
# Every gateway variant gets Redis, which the redis backend needs and the others ignore.
variants_prepare() {
    source bench/variants.sh
    if [[ " $VARIANTS " =~ " bare " ]]; then
        ./mvnw -B -q -f bench/bare/pom.xml package -DskipTests
    fi
    if [[ " $VARIANTS " =~ " "(scg|proxy)" " ]]; then
        source bench/nginx.sh
        upstream_start
        ROUTE=/orders/items
        export KEY_PERMISSIONS=orders:read
        ./mvnw -B -q -f bench/bare-proxy/pom.xml package
    fi
    export SPRING_DATA_REDIS_URL=redis://127.0.0.1:6379
}
